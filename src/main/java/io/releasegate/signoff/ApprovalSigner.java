package io.releasegate.signoff;

import io.releasegate.signoff.sshsig.SshKeyFile;
import io.releasegate.signoff.sshsig.SshPublicKey;
import io.releasegate.signoff.sshsig.SshSigException;
import io.releasegate.signoff.sshsig.SshSignature;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Signs decisions the way {@code ssh-keygen -Y sign -n release-gate} would sign their {@link ApprovalStatement}, and
 * attaches signatures made elsewhere after checking that they sign exactly that statement.
 */
public final class ApprovalSigner {
    private final KeyPair key;

    private ApprovalSigner(KeyPair key) {
        this.key = key;
    }

    /** A signer with the private key in {@code file} (OpenSSH or PEM; {@code passphrase} null when unencrypted). */
    public static ApprovalSigner fromFile(Path file, String passphrase) throws SshSigException {
        return new ApprovalSigner(SshKeyFile.load(file, passphrase));
    }

    /** A signer with a key pair in memory (the drill's reviewer). */
    public static ApprovalSigner of(KeyPair key) throws SshSigException {
        SshPublicKey.of(key.getPublic());
        return new ApprovalSigner(key);
    }

    /** A signer with a new ECDSA P-256 key that lives only in memory (the drill's simulated reviewer). */
    public static ApprovalSigner ephemeral() throws SshSigException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return of(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new SshSigException("cannot make an ECDSA P-256 key: " + e.getMessage(), e);
        }
    }

    /** {@code approval} with the signature of its statement. */
    public Approval sign(Approval approval) throws SshSigException {
        return approval.withSignature(SshSignature.sign(ApprovalStatement.bytes(approval), key,
                ApprovalStatement.NAMESPACE).armored());
    }

    /** The line of an allowed_signers file that lets this key sign decisions for {@code principals}. */
    public String allowedSignersLine(String principals) throws SshSigException {
        SshPublicKey publicKey = SshPublicKey.of(key.getPublic());
        return principals + " namespaces=\"" + ApprovalStatement.NAMESPACE + "\" " + publicKey.type() + " "
                + Base64.getEncoder().encodeToString(publicKey.blob());
    }

    /** {@code ED25519 key SHA256:...}. */
    public String describeKey() throws SshSigException {
        return SshPublicKey.of(key.getPublic()).describe();
    }

    /**
     * {@code approval} (parsed from the statement that was signed) with {@code armored}, once the signature is
     * checked to be a {@value ApprovalStatement#NAMESPACE} signature of exactly that statement; returns the
     * signing key in words.
     */
    public static Approval attach(Approval approval, String armored) throws SshSigException {
        SshSignature signature = SshSignature.parse(armored);
        signature.verify(ApprovalStatement.bytes(approval), ApprovalStatement.NAMESPACE);
        return approval.withSignature(signature.armored());
    }

    /** The key that made {@code armored}, in words. */
    public static String signerOf(String armored) throws SshSigException {
        return SshSignature.parse(armored).signer().describe();
    }
}
