package io.releasegate.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscalationConfigTest {
    private static final String EXAMPLE = """
            pools: {}
            escalation:
              chain: [oncall-pd, lb-team-slack, lb-team-email]
              retry: {maxAttempts: 3, deadlineMs: 20000}
              contacts:
                oncall-pd: {type: pagerduty, routingKey: env:PD_ROUTING_KEY}
                lb-team-slack: {type: slack, url: env:SLACK_WEBHOOK_URL}
                teams: {type: teams, url: file:/run/secrets/teams-url}
                hook: {type: webhook, url: env:HOOK_URL, hmacSecret: env:HOOK_SECRET}
                lb-team-email: {type: email, smtpHost: localhost, smtpPort: 25, from: gate@example.org, to: [lb-team@example.org]}
            """;

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryContactTypeAndTheChainInOrder() throws Exception {
        // arrange
        Path file = write(EXAMPLE);

        // act
        EscalationConfig config = EscalationConfig.fromYaml(file);

        // assert
        assertThat(config.chain()).containsExactly("oncall-pd", "lb-team-slack", "lb-team-email");
        assertThat(config.contacts().keySet())
                .containsExactly("oncall-pd", "lb-team-slack", "teams", "hook", "lb-team-email");
        assertThat(config.contacts().get("oncall-pd"))
                .isEqualTo(new ContactConfig.PagerDuty("oncall-pd", "env:PD_ROUTING_KEY", null, null));
        assertThat(config.contacts().get("hook"))
                .isEqualTo(new ContactConfig.Webhook("hook", "env:HOOK_URL", "env:HOOK_SECRET"));
        assertThat(config.contacts().get("teams")).isEqualTo(new ContactConfig.Teams("teams",
                "file:/run/secrets/teams-url"));
        assertThat(config.contacts().get("lb-team-email")).isEqualTo(new ContactConfig.Email("lb-team-email",
                "localhost", 25, "gate@example.org", List.of("lb-team@example.org"), false, null, null));
        assertThat(config.retry().maxAttempts()).isEqualTo(3);
        assertThat(config.retry().deadline()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.retry().initialBackoff()).isEqualTo(RetryPolicy.DEFAULT.initialBackoff());
    }

    @Test
    void shouldMapPlainMapsAsTheLeadsPolicyLoaderPassesThem() throws Exception {
        // arrange
        Map<String, Object> escalation = Map.of("contacts",
                Map.of("hook", Map.of("type", "webhook", "url", "env:HOOK_URL")));

        // act
        EscalationConfig config = EscalationConfig.fromMap(escalation);

        // assert: without a chain, every contact in order
        assertThat(config.chain()).containsExactly("hook");
    }

    @Test
    void shouldRefuseALiteralSecretWithoutEchoingIt() {
        // arrange
        Path file = write("""
                escalation:
                  contacts:
                    oncall-pd:
                      type: pagerduty
                      routingKey: R0123456789abcdef0123456789abcde
                """);

        // act / assert
        assertThatThrownBy(() -> EscalationConfig.fromYaml(file))
                .isInstanceOf(EscalationConfigException.class)
                .hasMessage(file + ":5: escalation.contacts.oncall-pd.routingKey: must be env:NAME or file:PATH;"
                        + " secrets never go in the policy file")
                .satisfies(e -> assertThat(((EscalationConfigException) e).line()).isEqualTo(5));
    }

    @Test
    void shouldRefuseASecretTheOperatorDoesNotAllowNamingFileLineAndKeyBeforeReadingIt() throws Exception {
        // arrange: the policy names an environment variable and a file the operator never allowed
        Path file = write("""
                escalation:
                  contacts:
                    oncall-pd:
                      type: pagerduty
                      routingKey: env:SOME_SECRET
                    hook:
                      type: webhook
                      url: file:/etc/shadow
                """);
        Secrets operator = Secrets.from(Map.of("SOME_SECRET", "must-not-be-read"), SecretRules.prefixOnly());

        // act / assert
        assertThatThrownBy(() -> EscalationConfig.fromYaml(file, operator))
                .isInstanceOf(EscalationConfigException.class)
                .hasMessage(file + ":5: escalation.contacts.oncall-pd.routingKey: env:SOME_SECRET is not an allowed"
                        + " secret: environment variables must be named RELEASE_GATE_* or allowed by the operator"
                        + " with --secret-env SOME_SECRET");
        Path onlyFile = write("""
                escalation:
                  contacts:
                    hook: {type: webhook, url: file:/etc/shadow}
                """);
        assertThatThrownBy(() -> EscalationConfig.fromYaml(onlyFile, operator))
                .hasMessage(onlyFile + ":3: escalation.contacts.hook.url: file:/etc/shadow is not an allowed secret:"
                        + " file: secrets are read only below a directory the operator names with --secret-dir DIR");
        assertThat(EscalationConfig.fromYaml(onlyFile).contacts()).containsKey("hook");
    }

    @Test
    void shouldNameTheKeyAndLineOfAnUnknownContactType() {
        // arrange
        Path file = write("""
                escalation:
                  contacts:
                    pager: {type: opsgenie, url: env:X}
                """);

        // act / assert
        assertThatThrownBy(() -> EscalationConfig.fromYaml(file)).hasMessage(file
                + ":3: escalation.contacts.pager.type: unknown contact type 'opsgenie'"
                + " (expected pagerduty, slack, teams, webhook or email)");
    }

    @Test
    void shouldNameAChainEntryThatIsNotAContact() {
        // arrange
        Path file = write("""
                escalation:
                  chain: [oncall, slack]
                  contacts:
                    oncall: {type: pagerduty, routingKey: env:PD}
                """);

        // act / assert
        assertThatThrownBy(() -> EscalationConfig.fromYaml(file)).hasMessageStartingWith(file
                + ":2: escalation.chain[1]: no contact 'slack' in escalation.contacts (known: oncall)");
    }

    @Test
    void shouldCatchAMisspelledKey() {
        // arrange
        Path file = write("""
                escalation:
                  contacts:
                    oncall:
                      type: pagerduty
                      routingkey: env:PD
                """);

        // act / assert
        assertThatThrownBy(() -> EscalationConfig.fromYaml(file)).hasMessageStartingWith(file
                + ":5: escalation.contacts.oncall.routingkey: unknown key");
    }

    @Test
    void shouldRequireTheRecipientsOfAnEmailContact() {
        // arrange
        Path file = write("""
                escalation:
                  contacts:
                    mail: {type: email, smtpHost: localhost, from: gate@example.org}
                """);

        // act / assert
        assertThatThrownBy(() -> EscalationConfig.fromYaml(file)).hasMessageContaining(
                "escalation.contacts.mail.to: must be an email address or a non-empty list of them");
    }

    @Test
    void shouldReportAFileWithoutAnEscalationSection() {
        // arrange
        Path file = write("pools: {}\n");

        // act / assert
        assertThatThrownBy(() -> EscalationConfig.fromYaml(file))
                .hasMessage(file + ": escalation: the file has no escalation: section");
    }

    @Test
    void shouldReportAnInvalidRetryPolicyByKey() {
        // arrange
        Path file = write("""
                escalation:
                  retry: {maxAttempts: 0}
                  contacts:
                    hook: {type: webhook, url: env:HOOK_URL}
                """);

        // act / assert
        assertThatThrownBy(() -> EscalationConfig.fromYaml(file)).hasMessage(file
                + ":2: escalation.retry: maxAttempts must be between 1 and 100, got 0");
    }

    @Test
    void shouldBuildTheChainResolvingSecretsFromTheEnvironment() throws Exception {
        // arrange
        EscalationConfig config = EscalationConfig.fromYaml(write(EXAMPLE));
        Secrets secrets = Secrets.from(Map.of("PD_ROUTING_KEY", "key", "SLACK_WEBHOOK_URL",
                "https://hooks.slack.example/services/T/B/X"));

        // act
        Escalation escalation = config.escalation(secrets, io.releasegate.log.LogSink.NONE);

        // assert
        assertThat(escalation.contactNames()).containsExactly("oncall-pd", "lb-team-slack", "lb-team-email");
    }

    @Test
    void shouldSayWhichEnvironmentVariableIsMissing() throws Exception {
        // arrange
        EscalationConfig config = EscalationConfig.fromYaml(write(EXAMPLE));

        // act / assert
        Secrets allowedButUnset = Secrets.from(Map.of(), SecretRules.of(List.of("PD_ROUTING_KEY"), null));
        assertThatThrownBy(() -> config.escalation(allowedButUnset, io.releasegate.log.LogSink.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret env:PD_ROUTING_KEY: environment variable PD_ROUTING_KEY is not set or empty");
    }

    private Path write(String yaml) {
        try {
            Path file = dir.resolve(".releasegate.yml");
            Files.writeString(file, yaml);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
