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
        Secret secret = Secrets.from(Map.of(), SecretRules.of(List.of(), dir)).resolve("file:" + file);

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
        assertThatThrownBy(() -> Secrets.from(Map.of(), SecretRules.of(List.of(), dir))
                .resolve("file:" + dir.resolve("absent")))
                .hasMessageContaining("cannot read the file (NoSuchFileException)");
    }

    @Test
    void shouldAllowOnlyReleaseGateVariablesAndTheOperatorsNames() {
        // arrange
        Map<String, String> environment = Map.of("RELEASE_GATE_PD_KEY", "pd-key-1", "PD_KEY", "pd-key-2",
                "AWS_SECRET_ACCESS_KEY", "aws-secret-3");
        Secrets secrets = Secrets.from(environment, SecretRules.of(List.of("PD_KEY"), null));

        // act
        Secret prefixed = secrets.resolve("env:RELEASE_GATE_PD_KEY");
        Secret named = secrets.resolve("env:PD_KEY");

        // assert
        assertThat(prefixed.value()).isEqualTo("pd-key-1");
        assertThat(named.value()).isEqualTo("pd-key-2");
        assertThatThrownBy(() -> secrets.resolve("env:AWS_SECRET_ACCESS_KEY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("env:AWS_SECRET_ACCESS_KEY is not an allowed secret: environment variables must be named"
                        + " RELEASE_GATE_* or allowed by the operator with --secret-env AWS_SECRET_ACCESS_KEY")
                .hasMessageNotContaining("aws-secret-3");
        assertThatThrownBy(() -> secrets.check("env:AWS_SECRET_ACCESS_KEY"))
                .hasMessageContaining("is not an allowed secret");
    }

    @Test
    void shouldRefuseEveryFileWithoutASecretDirectory() throws Exception {
        // arrange
        Path file = Files.writeString(dir.resolve("key"), "file-secret-1");

        // act / assert
        assertThatThrownBy(() -> Secrets.from(Map.of()).resolve("file:" + file))
                .hasMessage("file:" + file + " is not an allowed secret: file: secrets are read only below a"
                        + " directory the operator names with --secret-dir DIR");
    }

    @Test
    void shouldRefuseAFileOutsideTheSecretDirectoryAfterResolvingDotDotAndLinks() throws Exception {
        // arrange: the allowed directory, a file beside it, a link inside it that points out of it
        Path secretsDir = Files.createDirectories(dir.resolve("secrets"));
        Path outside = Files.writeString(dir.resolve("shadow"), "root:$6$outside-secret");
        Path link = Files.createSymbolicLink(secretsDir.resolve("innocent"), outside);
        Path inside = Files.writeString(secretsDir.resolve("pd-key"), "inside-secret\n");
        Secrets secrets = Secrets.from(Map.of(), SecretRules.of(List.of(), secretsDir));

        // act / assert
        assertThat(secrets.resolve("file:" + inside).value()).isEqualTo("inside-secret");
        assertThatThrownBy(() -> secrets.resolve("file:" + outside))
                .hasMessageContaining("is outside the secret directory");
        assertThatThrownBy(() -> secrets.resolve("file:" + secretsDir + "/../shadow"))
                .hasMessageContaining("is outside the secret directory");
        assertThatThrownBy(() -> secrets.resolve("file:" + link))
                .hasMessageContaining("after resolving symbolic links it is not a file inside the secret directory")
                .hasMessageNotContaining("outside-secret");
        assertThatThrownBy(() -> secrets.resolve("file:" + secretsDir))
                .hasMessageContaining("is outside the secret directory");
    }

    @Test
    void shouldAcceptTheSecretDirectoryThroughALinkToIt() throws Exception {
        // arrange: the operator names /…/run-secrets, a link to the real directory
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("key"), "linked-secret");
        Path linked = Files.createSymbolicLink(dir.resolve("run-secrets"), real);
        Secrets secrets = Secrets.from(Map.of(), SecretRules.of(List.of(), linked));

        // act / assert
        assertThat(secrets.resolve("file:" + linked.resolve("key")).value()).isEqualTo("linked-secret");
        assertThat(secrets.resolve("file:" + real.resolve("key")).value()).isEqualTo("linked-secret");
    }

    @Test
    void shouldRefuseBadOperatorRules() {
        assertThatThrownBy(() -> SecretRules.of(List.of("NOT A NAME"), null))
                .hasMessage("--secret-env 'NOT A NAME' is not an environment variable name");
        assertThatThrownBy(() -> SecretRules.of(List.of(), dir.resolve("absent")))
                .hasMessageStartingWith("--secret-dir " + dir.resolve("absent") + " does not exist");
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
