package io.releasegate.signoff.sshsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.testing.SshKeygen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private key files as the real ssh-keygen writes them. */
class SshKeyFileITest {
    @TempDir
    Path dir;

    @Test
    void shouldOpenAnEncryptedKeyOnlyWithItsPassphrase() throws Exception {
        // arrange
        Path key = SshKeygen.key(dir, "bob", "ed25519", 0, "correct horse");

        // act
        KeyPair pair = SshKeyFile.load(key, "correct horse");

        // assert
        assertThat(SshPublicKey.of(pair.getPublic()).type() + " " + java.util.Base64.getEncoder().encodeToString(
                SshPublicKey.of(pair.getPublic()).blob())).isEqualTo(SshKeygen.publicKey(key));
        assertThatThrownBy(() -> SshKeyFile.load(key, "wrong")).isInstanceOf(SshSigException.class)
                .hasMessage(key + ": wrong passphrase");
        assertThatThrownBy(() -> SshKeyFile.load(key, null)).hasMessageStartingWith(key + ": the key is encrypted");
    }

    @Test
    void shouldOpenAPemRsaKeyAndSignWithIt() throws Exception {
        // arrange
        Path key = dir.resolve("legacy");
        SshKeygen.Result made = SshKeygen.run(dir, null, "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "",
                "-f", key.toString());
        byte[] message = "release-gate approval v1\n".getBytes(StandardCharsets.UTF_8);

        // act
        SshSignature signature = SshSignature.sign(message, SshKeyFile.load(key, null), "release-gate");

        // assert
        assertThat(made.exitCode()).as(made.output()).isZero();
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        signature.verify(message, "release-gate");
        assertThat(signature.signer().describe()).startsWith("RSA key SHA256:");
    }

    @Test
    void shouldNameWhatIsWrongWithAFileThatIsNoPrivateKey() throws Exception {
        // arrange
        Path key = SshKeygen.key(dir, "bob", "ecdsa", 256, "");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a key\n");

        // act / assert
        assertThatThrownBy(() -> SshKeyFile.load(Path.of(key + ".pub"), null))
                .hasMessage(key + ".pub: not a private key file (give the private key, not the .pub file)");
        assertThatThrownBy(() -> SshKeyFile.load(text, null)).hasMessageContaining("notes.txt: not a private key");
        assertThatThrownBy(() -> SshKeyFile.load(dir.resolve("missing"), null))
                .hasMessage(dir.resolve("missing") + ": no such key file");
    }
}
