package io.releasegate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.YamlNode;
import io.releasegate.config.YamlReader;
import io.releasegate.paging.EscalationConfigException;
import io.releasegate.verify.BackendIdentifier;
import io.releasegate.verify.VerificationRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code verify:} section of {@code .releasegate.yml} as {@code release-gate run} reads it. */
class GateSettingsTest {
    @Test
    void shouldReadEveryKey() throws Exception {
        // arrange
        YamlNode section = section("""
                verify:
                  lb: http://127.0.0.1:8080/
                  pool: web
                  expect: web-01=3,web-02=1
                  identify: body:served by (\\S+)
                  requests: 400
                  rate: 80
                  concurrency: 8
                  alpha: 0.01
                  maxErrorRate: 0.05
                  timeout: 500ms
                  deadline: 30s
                  healthPath: /health
                  latencyP95Ms: 250
                  haproxySocket: /run/haproxy/admin.sock
                  stats: http://127.0.0.1:8404/stats;csv
                  deployTimeout: 2m
                  rollbackTimeout: 90s
                """);

        // act
        GateSettings settings = GateSettings.read(Optional.of(section), "p.yml");

        // assert
        assertThat(settings.verify().lb()).hasToString("http://127.0.0.1:8080/");
        assertThat(settings.pool()).isEqualTo("web");
        assertThat(settings.verify().expectation().servers()).isEqualTo("web-01=3,web-02=1");
        assertThat(settings.verify().traffic().identify()).isEqualTo(new BackendIdentifier("body", "served by (\\S+)"));
        assertThat(settings.verify().traffic().requests()).isEqualTo(400);
        assertThat(settings.verify().traffic().rate()).isEqualTo(80);
        assertThat(settings.verify().traffic().concurrency()).isEqualTo(8);
        assertThat(settings.verify().traffic().alpha()).isEqualTo(0.01);
        assertThat(settings.verify().traffic().maxErrorRate()).isEqualTo(0.05);
        assertThat(settings.verify().traffic().timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.verify().traffic().deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.verify().live().healthPath()).isEqualTo("/health");
        assertThat(settings.verify().live().health().latencyP95Ms()).isEqualTo(250);
        assertThat(settings.verify().live().haproxySocket()).isEqualTo("/run/haproxy/admin.sock");
        assertThat(settings.verify().live().stats()).isEqualTo("http://127.0.0.1:8404/stats;csv");
        assertThat(settings.deployTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.rollbackTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.verify().live().health().timeout()).as("the health probes share the request timeout")
                .isEqualTo(Duration.ofMillis(500));
        assertThat(settings.verify().expectation().pool()).isEqualTo("web");
    }

    @Test
    void shouldUseTheVerifyDefaultsForWhatIsNotGiven() throws Exception {
        // act
        GateSettings settings = GateSettings.read(Optional.of(section("verify:\n  lb: http://lb/\n  pool: web\n")),
                "p.yml");

        // assert
        assertThat(settings.verify().traffic().rate()).isEqualTo(VerificationRequest.DEFAULT_RATE);
        assertThat(settings.verify().traffic().concurrency()).isEqualTo(VerificationRequest.DEFAULT_CONCURRENCY);
        assertThat(settings.verify().traffic().alpha()).isEqualTo(VerificationRequest.DEFAULT_ALPHA);
        assertThat(settings.verify().traffic().identify()).isEqualTo(BackendIdentifier.DEFAULT);
        assertThat(settings.verify().expectation().explicit()).isFalse();
        assertThat(settings.deployTimeout()).isEqualTo(GateSettings.DEFAULT_COMMAND_TIMEOUT);
    }

    @Test
    void shouldNameTheFileLineAndKeyOfABadValue() throws Exception {
        // arrange
        YamlNode missingPool = section("verify:\n  lb: http://lb/\n");
        YamlNode typo = section("verify:\n  lb: http://lb/\n  pool: web\n  concurency: 4\n");
        YamlNode badRate = section("verify:\n  lb: http://lb/\n  pool: web\n  rate: fast\n");
        YamlNode badLb = section("verify:\n  lb: lb.example\n  pool: web\n");
        YamlNode badExpect = section("verify:\n  lb: http://lb/\n  pool: web\n  expect: web-01=x\n");

        // act + assert
        assertThatThrownBy(() -> GateSettings.read(Optional.of(missingPool), "p.yml"))
                .isInstanceOf(ConfigParseException.class).hasMessageContaining("verify.pool is required");
        assertThatThrownBy(() -> GateSettings.read(Optional.of(typo), "p.yml"))
                .isInstanceOf(ConfigParseException.class).hasMessageStartingWith("p.yml:4")
                .hasMessageContaining("unknown key 'concurency'");
        assertThatThrownBy(() -> GateSettings.read(Optional.of(badRate), "p.yml"))
                .isInstanceOf(ConfigParseException.class).hasMessageStartingWith("p.yml:4")
                .hasMessageContaining("expected a number, found 'fast'");
        assertThatThrownBy(() -> GateSettings.read(Optional.of(badLb), "p.yml"))
                .isInstanceOf(ConfigParseException.class).hasMessageContaining("http:// or https:// URL");
        assertThatThrownBy(() -> GateSettings.read(Optional.of(badExpect), "p.yml"))
                .isInstanceOf(ConfigParseException.class).hasMessageStartingWith("p.yml:4")
                .hasMessageContaining("verify.expect: ");
        assertThatThrownBy(() -> GateSettings.read(Optional.empty(), "p.yml"))
                .isInstanceOf(ConfigParseException.class).hasMessageContaining("no verify: section");
    }

    @Test
    void shouldRejectAPortOutOfRangeInTheLbOrStatsUrlWithFileLineAndWithoutThePassword() throws Exception {
        // arrange
        YamlNode lbPort = section("verify:\n  lb: http://ops:s3cret@lb:99999/\n  pool: web\n");
        YamlNode statsPort = section("verify:\n  lb: http://lb/\n  pool: web\n  stats: http://127.0.0.1:0/stats;csv\n");

        // act + assert
        assertThatThrownBy(() -> GateSettings.read(Optional.of(lbPort), "p.yml"))
                .isInstanceOf(ConfigParseException.class).hasMessageStartingWith("p.yml:2")
                .hasMessageContaining("verify.lb 'http://***@lb:99999/': the port 99999 is out of range (1 to 65535)")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> GateSettings.read(Optional.of(statsPort), "p.yml"))
                .isInstanceOf(ConfigParseException.class).hasMessageStartingWith("p.yml:4")
                .hasMessageContaining("verify.stats 'http://127.0.0.1:0/stats;csv': the port 0 is out of range");
    }

    @Test
    void shouldTurnTheEscalationTreeIntoTypedJson() throws Exception {
        // arrange
        YamlNode tree = YamlReader.read("p.yml", "escalation:\n  retry:\n    maxAttempts: 3\n  flag: true\n"
                + "  chain: [a, b]\n  name: '007x'\n").get("escalation").orElseThrow();

        // act
        JsonNode json = GateInputs.toJson(tree);

        // assert
        assertThat(json.at("/retry/maxAttempts").isIntegralNumber()).isTrue();
        assertThat(json.at("/flag").isBoolean()).isTrue();
        assertThat(json.at("/chain/1").asText()).isEqualTo("b");
        assertThat(json.at("/name").asText()).isEqualTo("007x");
    }

    @Test
    void shouldNameThePolicyFileAndLineOfABadEscalationKey() throws Exception {
        // arrange
        YamlNode tree = YamlReader.read("p.yml", """
                version: 1
                escalation:
                  contacts:
                    oncall:
                      type: pagerduty
                      routingKey: env:PD_KEY
                    chat:
                      type: pigeon
                """).get("escalation").orElseThrow();

        // act, assert
        assertThatThrownBy(() -> GateInputs.escalation(tree))
                .isInstanceOf(EscalationConfigException.class)
                .hasMessageStartingWith("p.yml:8: escalation.contacts.chat.type: unknown contact type 'pigeon'");
    }

    private static YamlNode section(String text) throws ConfigParseException {
        return YamlReader.read("p.yml", text).get("verify").orElseThrow();
    }
}
