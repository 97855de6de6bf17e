package io.releasegate.signoff.sshsig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import javax.security.auth.login.FailedLoginException;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/** A private key file as {@code ssh-keygen} writes it (OpenSSH format, or PEM), optionally with a passphrase. */
public final class SshKeyFile {
    private static final long MAX_BYTES = 64 * 1024;

    private SshKeyFile() {
    }

    /**
     * The key pair in {@code file}.
     *
     * @param passphrase the passphrase of an encrypted key, or null
     * @throws SshSigException naming the file and the reason: missing, not a private key, encrypted without a
     *                         passphrase, wrong passphrase, or a key type release-gate does not sign with
     */
    public static KeyPair load(Path file, String passphrase) throws SshSigException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SshSigException(file + ": too large for a private key file");
            }
        } catch (NoSuchFileException e) {
            throw new SshSigException(file + ": no such key file");
        } catch (IOException e) {
            throw new SshSigException(file + ": cannot read the key file: " + e.getMessage());
        }
        FilePasswordProvider password = passphrase == null ? null : FilePasswordProvider.of(passphrase);
        Iterable<KeyPair> pairs;
        try (InputStream in = Files.newInputStream(file)) {
            pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, password);
        } catch (FailedLoginException e) {
            throw new SshSigException(file + ": the key is encrypted; give its passphrase in an environment variable"
                    + " (--passphrase-env NAME), or sign with ssh-keygen -Y sign (which can use ssh-agent) and attach"
                    + " the signature with --signature");
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new SshSigException(file + ": " + (passphrase != null && e.getMessage() != null
                    && e.getMessage().contains("check values") ? "wrong passphrase"
                    : "cannot read the private key: " + e.getMessage()));
        }
        Iterator<KeyPair> found = pairs == null ? null : pairs.iterator();
        if (found == null || !found.hasNext()) {
            throw new SshSigException(file + ": not a private key file (give the private key, not the .pub file)");
        }
        KeyPair pair = found.next();
        try {
            SshPublicKey.of(pair.getPublic());
        } catch (SshSigException e) {
            throw new SshSigException(file + ": " + e.getMessage(), e);
        }
        return pair;
    }
}
