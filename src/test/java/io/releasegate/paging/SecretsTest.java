package io.releasegate.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadASecretFromTheEnvironment() {
        // act
        Secret secret = Secrets.from(Map.of("PD_ROUTING_KEY", "abc123")).resolve("env:PD_ROUTING_KEY");

        // assert
        assertThat(secret.value()).isEqualTo("abc123");
        assertThat(secret.reference()).isEqualTo("env:PD_ROUTING_KEY");
        assertThat(secret).hasToString("Secret[env:PD_ROUTING_KEY]");
    }

    @Test
    void shouldReadASecretFromAFileWithoutItsTrailingNewline() throws Exception {
        // arrange
        Path file = dir.resolve("teams-url");
        Files.writeString(file, "https://example.org/workflows/x\n");

        // act
        Secret secret = Secrets.from(Map.of()).resolve("file:" + file);

        // assert
        assertThat(secret.value()).isEqualTo("https://example.org/workflows/x");
    }

    @Test
    void shouldRefuseALiteralSecret() {
        assertThatThrownBy(() -> Secrets.from(Map.of()).resolve("R0123456789"))
                .hasMessage("a secret must be given as env:NAME or file:PATH, not literally")
                .hasMessageNotContaining("R0123456789");
    }

    @Test
    void shouldNameAMissingFile() {
        assertThatThrownBy(() -> Secrets.from(Map.of()).resolve("file:" + dir.resolve("absent")))
                .hasMessageContaining("cannot read the file (NoSuchFileException)");
    }

    @Test
    void shouldRedactTheSecretAndTheSecretPathOfAUrl() {
        // arrange
        Secret url = Secret.of("env:SLACK", "https://hooks.slack.com/services/T000/B000/XXXXSECRET");

        // act
        String text = Secret.redact("POST https://hooks.slack.com/services/T000/B000/XXXXSECRET failed;"
                + " path /services/T000/B000/XXXXSECRET", List.of(url));

        // assert
        assertThat(text).isEqualTo("POST *** failed; path ***");
    }
}
