package io.releasegate.signoff.sshsig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * An SSH public key of a type release-gate verifies: its type name, its canonical wire encoding (RFC 4253, RFC 5656,
 * RFC 8709) and the JCA key. Two keys are the same key when their wire encodings are equal.
 *
 * @param type the key type, e.g. {@code ssh-ed25519}
 * @param blob the wire encoding, as in the second field of an {@code .pub} file
 * @param key  the key for the JCA
 */
public record SshPublicKey(String type, byte[] blob, PublicKey key) {
    /** The key types whose signatures release-gate makes and checks. */
    public static final List<String> TYPES = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "ssh-rsa");

    public SshPublicKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        blob = blob.clone();
    }

    /** The key of an {@code .pub} line's type and base64 fields. */
    public static SshPublicKey parse(String type, String base64) throws SshSigException {
        supported(type);
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SshSigException("the " + type + " key is not valid base64");
        }
        SshPublicKey key = fromBlob(blob);
        if (!key.type().equals(type)) {
            throw new SshSigException("the key is written as " + type + " but its data is a " + key.type() + " key");
        }
        return key;
    }

    /** The key in its wire encoding. */
    public static SshPublicKey fromBlob(byte[] blob) throws SshSigException {
        Buffer buffer = new ByteArrayBuffer(blob);
        String type;
        try {
            type = buffer.getString(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new SshSigException("the public key data is malformed");
        }
        supported(type);
        try {
            PublicKey key = new ByteArrayBuffer(blob).getRawPublicKey();
            byte[] canonical = encode(key);
            if (!Arrays.equals(canonical, blob)) {
                throw new SshSigException("the " + type + " public key data is not in its canonical form");
            }
            return new SshPublicKey(type, canonical, key);
        } catch (SshSigException e) {
            throw e;
        } catch (Exception e) {
            throw new SshSigException("the " + type + " public key data is malformed", e);
        }
    }

    /** The key of a JCA public key (from a private key file). */
    public static SshPublicKey of(PublicKey key) throws SshSigException {
        return fromBlob(encode(key));
    }

    static void supported(String type) throws SshSigException {
        if (!TYPES.contains(type)) {
            throw new SshSigException("unsupported key type " + type + " (supported: " + String.join(", ", TYPES)
                    + ")");
        }
    }

    private static byte[] encode(PublicKey key) {
        Buffer buffer = new ByteArrayBuffer();
        buffer.putRawPublicKey(key);
        return buffer.getCompactData();
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    /** {@code SHA256:...}, exactly as {@code ssh-keygen -l} prints it. */
    public String fingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** {@code ED25519 key SHA256:...}: the key in a sentence. */
    public String describe() {
        String kind = type.startsWith("ecdsa-") ? "ECDSA" : type.equals("ssh-rsa") ? "RSA"
                : type.substring(type.indexOf('-') + 1).toUpperCase(Locale.ROOT);
        return kind + " key " + fingerprint();
    }

    /** Whether {@code other} is the same key. */
    public boolean sameKey(SshPublicKey other) {
        return other != null && Arrays.equals(blob, other.blob);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SshPublicKey key && sameKey(key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return describe();
    }
}
