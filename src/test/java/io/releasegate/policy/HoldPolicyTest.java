package io.releasegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.diff.Change;
import io.releasegate.diff.ChangeKind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HoldPolicyTest {
    @Test
    void shouldDefaultToADayAQuarterOfAnHourAndNoDiscount() throws Exception {
        Policy policy = PolicyLoader.parse(".releasegate.yml", "version: 1\n");

        assertThat(policy.holds()).isEqualTo(new HoldPolicy(Duration.ofHours(24), Duration.ofMinutes(15),
                Optional.empty()));
        assertThat(policy.riskOf(ChangeKind.HOLD_ADDED)).isEqualTo(Risk.MEDIUM);
        assertThat(policy.riskOf(ChangeKind.HOLD_EXTENDED)).isEqualTo(Risk.MEDIUM);
        assertThat(policy.riskOf(ChangeKind.HOLD_REMOVED)).isEqualTo(Risk.LOW);
    }

    @Test
    void shouldReadTheHoldsSection() throws Exception {
        Policy policy = PolicyLoader.parse(".releasegate.yml", """
                holds:
                  maxDuration: 8h
                  reminder: 30m
                  plannedRisk: low
                risk:
                  kinds:
                    HOLD_ADDED: HIGH
                """);

        assertThat(policy.holds()).isEqualTo(new HoldPolicy(Duration.ofHours(8), Duration.ofMinutes(30),
                Optional.of(Risk.LOW)));
        assertThat(policy.riskOf(ChangeKind.HOLD_ADDED)).isEqualTo(Risk.HIGH);
    }

    @Test
    void shouldNameTheLineOfABadHoldsSetting() {
        assertThatThrownBy(() -> PolicyLoader.parse(".releasegate.yml", "holds:\n  maxDuration: forever\n"))
                .hasMessageStartingWith(".releasegate.yml:2:")
                .hasMessageContaining("'holds.maxDuration': 'forever' is not a duration");
        assertThatThrownBy(() -> PolicyLoader.parse(".releasegate.yml", "holds:\n  maxDuration: 0s\n"))
                .hasMessageContaining("must be longer than 0");
        assertThatThrownBy(() -> PolicyLoader.parse(".releasegate.yml", "holds:\n  plannedRisk: TINY\n"))
                .hasMessageStartingWith(".releasegate.yml:2:").hasMessageContaining("unknown risk 'TINY'");
        assertThatThrownBy(() -> PolicyLoader.parse(".releasegate.yml", "holds:\n  maxduration: 1h\n"))
                .hasMessageContaining("unknown key 'maxduration'");
    }

    @Test
    void shouldRateAPlannedRemovalAtMostThePlannedRiskOnlyWhenThePolicySaysSo() throws Exception {
        Change planned = new Change(ChangeKind.SERVER_REMOVED, "lb/haproxy.cfg", 21, "web", "web-02", "", "",
                "Server web-02 removed from pool web. Planned until 18:00, hold by alice: load test.",
                "web/web-02 until 2026-12-03T18:00:00Z, hold by alice: load test");
        Change unplanned = new Change(ChangeKind.SERVER_REMOVED, "lb/haproxy.cfg", 21, "web", "web-03", "", "",
                "Server web-03 removed from pool web.");
        Policy discounting = PolicyLoader.parse(".releasegate.yml", "holds:\n  plannedRisk: LOW\n");
        Policy raising = PolicyLoader.parse(".releasegate.yml", "holds:\n  plannedRisk: CRITICAL\n");

        assertThat(new RiskAssessor(Policy.defaults()).riskOf(planned)).isEqualTo(Risk.HIGH);
        assertThat(new RiskAssessor(discounting).riskOf(planned)).isEqualTo(Risk.LOW);
        assertThat(new RiskAssessor(discounting).riskOf(unplanned)).isEqualTo(Risk.HIGH);
        assertThat(new RiskAssessor(raising).riskOf(planned)).isEqualTo(Risk.HIGH);
    }

    @Test
    void shouldLeaveTheCanonicalFormOfAPolicyWithoutHoldsAsItWas() throws Exception {
        Policy none = PolicyLoader.parse(".releasegate.yml", "version: 1\n");
        Policy restated = PolicyLoader.parse(".releasegate.yml", "holds:\n  maxDuration: 24h\n  reminder: 15m\n"
                + "risk:\n  kinds:\n    HOLD_ADDED: MEDIUM\n");
        Policy longer = PolicyLoader.parse(".releasegate.yml", "holds:\n  maxDuration: 30d\n");

        assertThat(PolicyTerms.canonical(none)).doesNotContain("holds.").doesNotContain("HOLD_");
        assertThat(PolicyTerms.digest(restated)).isEqualTo(PolicyTerms.digest(none));
        assertThat(PolicyTerms.canonical(longer)).contains("holds.maxDuration=30d\n");
        assertThat(PolicyTerms.digest(longer)).isNotEqualTo(PolicyTerms.digest(none));
    }
}
