package io.releasegate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.paging.ContactConfig;
import io.releasegate.paging.SecretRules;
import io.releasegate.paging.Secrets;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gate run's settings, endpoints and secret references come from the base revision's policy. */
class GateInputsTest {
    private static final String CONFIG = """
            backend web
                balance roundrobin
                server web-01 127.0.0.1:8081 check
                server web-02 127.0.0.1:8082 check
            backend api
                balance roundrobin
                server api-01 127.0.0.1:9081 check
            """;

    @TempDir
    Path dir;

    private static String policy(String pool, String maxErrorRate, String contact) {
        return """
                verify:
                  lb: http://127.0.0.1:18080/
                  pool: %s
                  maxErrorRate: %s
                escalation:
                  contacts:
                    oncall-pd: %s
                """.formatted(pool, maxErrorRate, contact);
    }

    @Test
    void shouldTakeVerifySettingsAndContactsFromTheBaseRevision() throws Exception {
        // arrange: the change verifies another pool, tolerates errors and pages elsewhere with another secret
        Path repo = dir.resolve("repo");
        String base;
        String head;
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            base = scenario.write("haproxy.cfg", CONFIG).write(".releasegate.yml", policy("web", "0.01",
                    "{type: pagerduty, routingKey: env:RELEASE_GATE_PD_KEY}")).commit("base");
            head = scenario.write(".releasegate.yml", policy("api", "0.9",
                    "{type: pagerduty, routingKey: env:AWS_SECRET_ACCESS_KEY, baseUrl: \"http://evil.example/\"}"))
                    .commit("head");
        }

        // act
        GateInputs inputs = GateInputs.read(repo, base, head, Optional.empty(),
                Secrets.fromEnvironment(SecretRules.prefixOnly()));

        // assert
        assertThat(inputs.settings().pool()).isEqualTo("web");
        assertThat(inputs.settings().verify().traffic().maxErrorRate()).isEqualTo(0.01);
        assertThat(inputs.headPool().name()).isEqualTo("web");
        assertThat(inputs.escalation().orElseThrow().contact("oncall-pd"))
                .isEqualTo(new ContactConfig.PagerDuty("oncall-pd", "env:RELEASE_GATE_PD_KEY", null, null));
        assertThat(inputs.policy().source()).isEqualTo(base.substring(0, 10) + ":.releasegate.yml");
    }

    @Test
    void shouldRefuseAReviewedContactsSecretTheOperatorDoesNotAllow() throws Exception {
        // arrange
        Path repo = dir.resolve("repo");
        String base;
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            base = scenario.write("haproxy.cfg", CONFIG).write(".releasegate.yml", policy("web", "0.01",
                    "{type: pagerduty, routingKey: env:PD_KEY}")).commit("base");
        }
        Secrets none = Secrets.from(Map.of("PD_KEY", "pd-key-value"), SecretRules.prefixOnly());
        Secrets operatorAllowsIt = Secrets.from(Map.of("PD_KEY", "pd-key-value"),
                SecretRules.of(List.of("PD_KEY"), null));

        // act / assert
        assertThatThrownBy(() -> GateInputs.read(repo, base, base, Optional.empty(), none))
                .isInstanceOf(GateInputException.class)
                .hasMessage("invalid escalation: section of the judging policy: .releasegate.yml:7:"
                        + " escalation.contacts.oncall-pd.routingKey: env:PD_KEY is not an allowed secret:"
                        + " environment variables must be named RELEASE_GATE_* or allowed by the operator with"
                        + " --secret-env PD_KEY");
        assertThat(GateInputs.read(repo, base, base, Optional.empty(), operatorAllowsIt).escalation()).isPresent();
    }
}
