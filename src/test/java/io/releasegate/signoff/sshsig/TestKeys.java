package io.releasegate.signoff.sshsig;

import java.security.KeyPair;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;

/** Key pairs made in memory for unit tests (the ITests use keys made by the real ssh-keygen). */
public final class TestKeys {
    private TestKeys() {
    }

    /** A new key of {@code type} ({@code ssh-ed25519}, {@code ecdsa-sha2-nistp256/384/521}, {@code ssh-rsa}). */
    public static KeyPair generate(String type) {
        int bits = switch (type) {
            case "ssh-ed25519" -> 256;
            case "ecdsa-sha2-nistp256" -> 256;
            case "ecdsa-sha2-nistp384" -> 384;
            case "ecdsa-sha2-nistp521" -> 521;
            case "ssh-rsa" -> 2048;
            default -> throw new IllegalArgumentException(type);
        };
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a " + type + " key", e);
        }
    }

    /** {@code type base64} of the public half, as in a .pub file. */
    public static String publicLine(KeyPair pair) {
        try {
            SshPublicKey key = SshPublicKey.of(pair.getPublic());
            return key.type() + " " + Base64.getEncoder().encodeToString(key.blob());
        } catch (SshSigException e) {
            throw new IllegalStateException(e);
        }
    }
}
