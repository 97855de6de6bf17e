package io.releasegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRule;
import io.releasegate.diff.ChangeKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {
    @Test
    void shouldReadEverySection() throws Exception {
        String yaml = """
                version: 1
                files:
                  - glob: "haproxy/*.cfg"
                    format: haproxy
                  - glob: "nginx/**.conf"
                    format: nginx
                risk:
                  kinds:
                    WEIGHT_CHANGED: high
                  capacityReducedHighPercent: 30
                review:
                  threshold: MEDIUM
                  approvals: {HIGH: 3}
                  reviewers: [bob, "group:lb-reviewers"]
                  maxAge: 24h
                verify:
                  requests: 200
                escalation:
                  chain: [oncall]
                """;

        Policy policy = PolicyLoader.parse(".releasegate.yml", yaml);

        assertThat(policy.files()).containsExactly(new FileRule("haproxy/*.cfg", ConfigFormat.HAPROXY),
                new FileRule("nginx/**.conf", ConfigFormat.NGINX));
        assertThat(policy.riskOf(ChangeKind.WEIGHT_CHANGED)).isEqualTo(Risk.HIGH);
        assertThat(policy.riskOf(ChangeKind.SERVER_REMOVED)).isEqualTo(Risk.HIGH);
        assertThat(policy.capacityHighPercent()).isEqualTo(30);
        assertThat(policy.reviewThreshold()).isEqualTo(Risk.MEDIUM);
        assertThat(policy.approvalsFor(Risk.HIGH)).isEqualTo(3);
        assertThat(policy.approvalsFor(Risk.CRITICAL)).isEqualTo(2);
        assertThat(policy.reviewers()).containsExactly("bob", "group:lb-reviewers");
        assertThat(policy.approvalMaxAge()).contains(Duration.ofHours(24));
        assertThat(policy.verify()).isPresent();
        assertThat(policy.escalation()).isPresent();
    }

    @Test
    void shouldUseDefaultsForAnEmptyFile() throws Exception {
        Policy policy = PolicyLoader.parse(".releasegate.yml", "");

        assertThat(policy.files()).isEmpty();
        assertThat(policy.reviewThreshold()).isEqualTo(Risk.LOW);
        assertThat(policy.riskOf(ChangeKind.SINGLE_POINT_OF_FAILURE)).isEqualTo(Risk.CRITICAL);
    }

    @Test
    void shouldNameTheKeyAndLineOfEachMistake() {
        assertThatThrownBy(() -> PolicyLoader.parse("p.yml", "review:\n  threshold: SEVERE\n"))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("p.yml:2").contains("'review.threshold'")
                            .contains("unknown risk 'SEVERE'");
                });
        assertThatThrownBy(() -> PolicyLoader.parse("p.yml", "files:\n  - glob: a\n    format: apache\n"))
                .hasMessageContaining("p.yml:3").hasMessageContaining("unknown format 'apache'");
        assertThatThrownBy(() -> PolicyLoader.parse("p.yml", "risk:\n  kinds:\n    SERVER_GONE: HIGH\n"))
                .hasMessageContaining("unknown change kind 'SERVER_GONE'");
        assertThatThrownBy(() -> PolicyLoader.parse("p.yml", "reveiw: {}\n"))
                .hasMessageContaining("p.yml:1").hasMessageContaining("unknown key 'reveiw'");
        assertThatThrownBy(() -> PolicyLoader.parse("p.yml", "review:\n  maxAge: soon\n"))
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> PolicyLoader.parse("p.yml", "files:\n  - glob: \"a[\"\n    format: nginx\n"))
                .hasMessageContaining("invalid glob");
    }

    @Test
    void shouldRaiseWeightZeroAndLargeCapacityLoss() {
        RiskAssessor assessor = new RiskAssessor(Policy.defaults());

        Risk weightZero = assessor.riskOf(change(ChangeKind.WEIGHT_CHANGED, "1", "0"));
        Risk weightTwo = assessor.riskOf(change(ChangeKind.WEIGHT_CHANGED, "1", "2"));
        Risk lostThird = assessor.riskOf(change(ChangeKind.CAPACITY_REDUCED, "3", "2"));
        Risk lostHalf = assessor.riskOf(change(ChangeKind.CAPACITY_REDUCED, "2", "1"));
        Risk lostAll = assessor.riskOf(change(ChangeKind.CAPACITY_REDUCED, "2", "0"));

        assertThat(weightZero).isEqualTo(Risk.HIGH);
        assertThat(weightTwo).isEqualTo(Risk.MEDIUM);
        assertThat(lostThird).isEqualTo(Risk.MEDIUM);
        assertThat(lostHalf).isEqualTo(Risk.HIGH);
        assertThat(lostAll).isEqualTo(Risk.CRITICAL);
    }

    private static io.releasegate.diff.Change change(ChangeKind kind, String before, String after) {
        return new io.releasegate.diff.Change(kind, "f", 1, "web", "", before, after, "m");
    }
}
