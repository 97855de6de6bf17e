package io.releasegate.signoff.sshsig;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A detached SSH signature as {@code ssh-keygen -Y sign} writes it (OpenSSH PROTOCOL.sshsig, sshsig.c): the blob
 * {@code "SSHSIG" uint32(1) string(publickey) string(namespace) string(reserved) string(hash_algorithm)
 * string(signature)}, armored between {@code -----BEGIN SSH SIGNATURE-----} and {@code -----END SSH SIGNATURE-----}.
 * What is signed is {@code "SSHSIG" string(namespace) string(reserved) string(hash_algorithm) string(H(message))}.
 */
public final class SshSignature {
    private static final String MAGIC = "SSHSIG";
    private static final int VERSION = 1;
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";
    private static final int MAX_ARMORED_CHARS = 16_384;
    private static final int LINE = 70;
    private static final Map<String, String> HASHES = Map.of("sha256", "SHA-256", "sha512", "SHA-512");
    /** Signature algorithms per key type; RSA only with SHA-2 (sshsig.c's RSA_SIGN_ALLOWED). */
    private static final Map<String, Set<String>> ALGORITHMS = Map.of(
            "ssh-ed25519", Set.of("ssh-ed25519"),
            "ecdsa-sha2-nistp256", Set.of("ecdsa-sha2-nistp256"),
            "ecdsa-sha2-nistp384", Set.of("ecdsa-sha2-nistp384"),
            "ecdsa-sha2-nistp521", Set.of("ecdsa-sha2-nistp521"),
            "ssh-rsa", Set.of("rsa-sha2-512", "rsa-sha2-256"));

    private final SshPublicKey signer;
    private final String namespace;
    private final byte[] reserved;
    private final String hashAlgorithm;
    private final byte[] signature;

    private SshSignature(SshPublicKey signer, String namespace, byte[] reserved, String hashAlgorithm,
            byte[] signature) {
        this.signer = signer;
        this.namespace = namespace;
        this.reserved = reserved;
        this.hashAlgorithm = hashAlgorithm;
        this.signature = signature;
    }

    /** Signs {@code message} in {@code namespace} with SHA-512, as {@code ssh-keygen -Y sign} does by default. */
    public static SshSignature sign(byte[] message, KeyPair key, String namespace) throws SshSigException {
        requireNamespace(namespace);
        SshPublicKey signer = SshPublicKey.of(key.getPublic());
        String hash = "sha512";
        String algorithm = signer.type().equals("ssh-rsa") ? "rsa-sha2-512" : signer.type();
        try {
            Signature engine = BuiltinSignatures.fromFactoryName(algorithm).create();
            engine.initSigner(null, key.getPrivate());
            engine.update(null, signedData(namespace, new byte[0], hash, message));
            Buffer encoded = new ByteArrayBuffer();
            encoded.putString(algorithm);
            encoded.putBytes(engine.sign(null));
            return new SshSignature(signer, namespace, new byte[0], hash, encoded.getCompactData());
        } catch (Exception e) {
            throw new SshSigException("cannot sign with the " + signer.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Reads an armored signature; fails with the reason when it is not one. */
    public static SshSignature parse(String armored) throws SshSigException {
        Objects.requireNonNull(armored, "armored");
        if (armored.length() > MAX_ARMORED_CHARS) {
            throw new SshSigException("the signature is longer than " + MAX_ARMORED_CHARS + " characters");
        }
        String text = armored.strip();
        if (!text.startsWith(BEGIN)) {
            throw new SshSigException("the signature does not start with " + BEGIN);
        }
        if (!text.endsWith(END)) {
            throw new SshSigException("the signature does not end with " + END);
        }
        String base64 = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s+", "");
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SshSigException("the signature is not valid base64");
        }
        return fromBlob(blob);
    }

    private static SshSignature fromBlob(byte[] blob) throws SshSigException {
        Buffer buffer = new ByteArrayBuffer(blob);
        try {
            byte[] magic = new byte[MAGIC.length()];
            buffer.getRawBytes(magic);
            if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new SshSigException("not an SSH signature (no SSHSIG preamble)");
            }
            long version = buffer.getUInt();
            if (version != VERSION) {
                throw new SshSigException("SSH signature version " + version + " is not supported (only "
                        + VERSION + ")");
            }
            SshPublicKey signer = SshPublicKey.fromBlob(buffer.getBytes());
            String namespace = buffer.getString(StandardCharsets.UTF_8);
            byte[] reserved = buffer.getBytes();
            String hash = buffer.getString(StandardCharsets.UTF_8);
            byte[] signature = buffer.getBytes();
            if (buffer.available() != 0) {
                throw new SshSigException("the SSH signature has trailing data");
            }
            if (namespace.isEmpty()) {
                throw new SshSigException("the SSH signature has an empty namespace");
            }
            return new SshSignature(signer, namespace, reserved, hash, signature);
        } catch (SshSigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SshSigException("the SSH signature is truncated or malformed");
        }
    }

    /**
     * Checks that this signature was made over {@code message} in {@code expectedNamespace} by {@link #signer()};
     * fails with the reason otherwise.
     */
    public void verify(byte[] message, String expectedNamespace) throws SshSigException {
        checkParameters(expectedNamespace);
        if (!matches(message)) {
            throw new SshSigException("the signature by the " + signer.describe() + " does not match the signed"
                    + " text");
        }
    }

    /**
     * Checks what {@code ssh-keygen -Y verify} checks before the cryptography: the namespace, the hash algorithm,
     * and a signature algorithm that fits the key (RSA only with SHA-2).
     */
    public void checkParameters(String expectedNamespace) throws SshSigException {
        requireNamespace(expectedNamespace);
        if (!namespace.equals(expectedNamespace)) {
            throw new SshSigException("it was signed for the namespace '" + namespace + "', not '"
                    + expectedNamespace + "'");
        }
        if (!HASHES.containsKey(hashAlgorithm)) {
            throw new SshSigException("unsupported hash algorithm '" + hashAlgorithm + "' (sha256 or sha512)");
        }
        String algorithm = algorithm();
        if (!ALGORITHMS.get(signer.type()).contains(algorithm)) {
            throw new SshSigException("the signature algorithm " + algorithm + " is not accepted for a "
                    + signer.type() + " key (accepted: " + String.join(", ", ALGORITHMS.get(signer.type()).stream()
                            .sorted().toList()) + ")");
        }
    }

    /** Whether the signature is a valid signature by {@link #signer()} of {@code message} (after the checks). */
    public boolean matches(byte[] message) throws SshSigException {
        checkParameters(namespace);
        try {
            Signature engine = BuiltinSignatures.fromFactoryName(algorithm()).create();
            engine.initVerifier(null, signer.key());
            // like sshsig_wrap_verify: the reserved field is not part of what is verified
            engine.update(null, signedData(namespace, new byte[0], hashAlgorithm, message));
            return engine.verify(null, signature);
        } catch (SshSigException e) {
            throw e;
        } catch (Exception e) {
            return false;
        }
    }

    private String algorithm() throws SshSigException {
        try {
            return new ByteArrayBuffer(signature).getString(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new SshSigException("the signature value is malformed");
        }
    }

    private static byte[] signedData(String namespace, byte[] reserved, String hash, byte[] message)
            throws SshSigException {
        String jca = HASHES.get(hash);
        if (jca == null) {
            throw new SshSigException("unsupported hash algorithm '" + hash + "'");
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance(jca).digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new SshSigException("the JDK has no " + jca, e);
        }
        Buffer data = new ByteArrayBuffer();
        data.putRawBytes(MAGIC.getBytes(StandardCharsets.US_ASCII));
        data.putString(namespace);
        data.putBytes(reserved);
        data.putString(hash);
        data.putBytes(digest);
        return data.getCompactData();
    }

    private static void requireNamespace(String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            throw new IllegalArgumentException("an SSH signature needs a namespace");
        }
    }

    /** The armored form, wrapped at 70 characters as ssh-keygen writes it. */
    public String armored() {
        Buffer blob = new ByteArrayBuffer();
        blob.putRawBytes(MAGIC.getBytes(StandardCharsets.US_ASCII));
        blob.putUInt(VERSION);
        blob.putBytes(signer.blob());
        blob.putString(namespace);
        blob.putBytes(reserved);
        blob.putString(hashAlgorithm);
        blob.putBytes(signature);
        String base64 = Base64.getEncoder().encodeToString(blob.getCompactData());
        StringBuilder text = new StringBuilder(BEGIN).append('\n');
        for (int i = 0; i < base64.length(); i += LINE) {
            text.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
        }
        return text.append(END).append('\n').toString();
    }

    /** The key that made the signature (taken from the signature itself: check it against allowed_signers). */
    public SshPublicKey signer() {
        return signer;
    }

    public String namespace() {
        return namespace;
    }

    public String hashAlgorithm() {
        return hashAlgorithm;
    }
}
