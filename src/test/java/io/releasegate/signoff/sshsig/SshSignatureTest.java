package io.releasegate.signoff.sshsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SshSignatureTest {
    private static final byte[] MESSAGE = "release-gate approval v1\n".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "ssh-rsa"})
    void shouldVerifyWhatItSignedAfterArmoringForEveryKeyType(String type) throws Exception {
        // arrange
        KeyPair key = TestKeys.generate(type);

        // act
        String armored = SshSignature.sign(MESSAGE, key, "release-gate").armored();
        SshSignature parsed = SshSignature.parse(armored);

        // assert
        parsed.verify(MESSAGE, "release-gate");
        assertThat(parsed.signer()).isEqualTo(SshPublicKey.of(key.getPublic()));
        assertThat(parsed.hashAlgorithm()).isEqualTo("sha512");
        assertThat(armored).startsWith("-----BEGIN SSH SIGNATURE-----\n").endsWith("-----END SSH SIGNATURE-----\n");
        assertThat(armored.lines().skip(1).filter(line -> !line.startsWith("-----")))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(70));
    }

    @Test
    void shouldRefuseAnotherMessageWithTheKeyInTheReason() throws Exception {
        // arrange
        KeyPair key = TestKeys.generate("ssh-ed25519");
        SshSignature signature = SshSignature.parse(SshSignature.sign(MESSAGE, key, "release-gate").armored());

        // act / assert
        assertThatThrownBy(() -> signature.verify("other".getBytes(StandardCharsets.UTF_8), "release-gate"))
                .isInstanceOf(SshSigException.class)
                .hasMessage("the signature by the ED25519 key " + SshPublicKey.of(key.getPublic()).fingerprint()
                        + " does not match the signed text");
    }

    @Test
    void shouldRefuseAnotherNamespace() throws Exception {
        // arrange
        SshSignature signature = SshSignature.sign(MESSAGE, TestKeys.generate("ssh-ed25519"), "git");

        // act / assert
        assertThatThrownBy(() -> signature.verify(MESSAGE, "release-gate")).isInstanceOf(SshSigException.class)
                .hasMessage("it was signed for the namespace 'git', not 'release-gate'");
    }

    @Test
    void shouldRefuseASignatureWhoseKeyWasSwappedForAnother() throws Exception {
        // arrange: the blob names mallory's key but carries bob's signature value
        String bob = SshSignature.sign(MESSAGE, TestKeys.generate("ssh-ed25519"), "release-gate").armored();
        KeyPair mallory = TestKeys.generate("ssh-ed25519");
        byte[] blob = blob(bob);
        byte[] malloryKey = SshPublicKey.of(mallory.getPublic()).blob();
        System.arraycopy(malloryKey, 0, blob, 6 + 4 + 4, malloryKey.length);
        SshSignature swapped = SshSignature.parse(armor(blob));

        // act / assert
        assertThat(swapped.signer()).isEqualTo(SshPublicKey.of(mallory.getPublic()));
        assertThat(swapped.matches(MESSAGE)).isFalse();
    }

    @Test
    void shouldRefuseMalformedSignaturesWithTheReason() {
        // act / assert
        assertThatThrownBy(() -> SshSignature.parse("not a signature")).hasMessageContaining("does not start with");
        assertThatThrownBy(() -> SshSignature.parse("-----BEGIN SSH SIGNATURE-----\n!!\n-----END SSH SIGNATURE-----"))
                .hasMessage("the signature is not valid base64");
        assertThatThrownBy(() -> SshSignature.parse(armor("SSHSIG".getBytes(StandardCharsets.US_ASCII))))
                .hasMessage("the SSH signature is truncated or malformed");
        assertThatThrownBy(() -> SshSignature.parse(armor("NOTSIG\0\0\0\1".getBytes(StandardCharsets.US_ASCII))))
                .hasMessage("not an SSH signature (no SSHSIG preamble)");
    }

    @Test
    void shouldRefuseTrailingDataAndNewerVersions() throws Exception {
        // arrange
        byte[] blob = blob(SshSignature.sign(MESSAGE, TestKeys.generate("ssh-ed25519"), "release-gate").armored());
        byte[] longer = java.util.Arrays.copyOf(blob, blob.length + 1);
        byte[] version2 = blob.clone();
        version2[9] = 2;

        // act / assert
        assertThatThrownBy(() -> SshSignature.parse(armor(longer))).hasMessage("the SSH signature has trailing data");
        assertThatThrownBy(() -> SshSignature.parse(armor(version2)))
                .hasMessage("SSH signature version 2 is not supported (only 1)");
    }

    private static byte[] blob(String armored) {
        return Base64.getMimeDecoder().decode(armored.replace("-----BEGIN SSH SIGNATURE-----", "")
                .replace("-----END SSH SIGNATURE-----", "").strip());
    }

    private static String armor(byte[] blob) {
        return "-----BEGIN SSH SIGNATURE-----\n" + Base64.getMimeEncoder().encodeToString(blob)
                + "\n-----END SSH SIGNATURE-----\n";
    }
}
