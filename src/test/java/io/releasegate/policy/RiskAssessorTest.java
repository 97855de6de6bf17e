package io.releasegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.diff.Change;
import io.releasegate.diff.ChangeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The risk of each change under a policy, and of a change set. */
class RiskAssessorTest {
    private final RiskAssessor defaults = new RiskAssessor(Policy.defaults());

    private static Change change(ChangeKind kind, String before, String after) {
        return new Change(kind, "haproxy.cfg", 12, "web", "web-02", before, after, kind + " of web-02");
    }

    @Test
    void shouldGiveEachKindThePolicysRisk() {
        assertThat(defaults.riskOf(change(ChangeKind.SERVER_ADDED, "", "web-03"))).isEqualTo(Risk.LOW);
        assertThat(defaults.riskOf(change(ChangeKind.SERVER_REMOVED, "web-02", ""))).isEqualTo(Risk.HIGH);
        assertThat(defaults.riskOf(change(ChangeKind.SINGLE_POINT_OF_FAILURE, "2", "1"))).isEqualTo(Risk.CRITICAL);
        assertThat(defaults.riskOf(change(ChangeKind.WEIGHT_CHANGED, "1", "3"))).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void shouldRateAWeightOfZeroLikeDisablingTheServer() {
        // act
        Risk zero = defaults.riskOf(change(ChangeKind.WEIGHT_CHANGED, "1", "0"));
        Risk lower = defaults.riskOf(change(ChangeKind.WEIGHT_CHANGED, "2", "1"));

        // assert: a weight of 0 takes the server out of the pool as "disabled" would (HIGH under the defaults)
        assertThat(zero).isEqualTo(Risk.HIGH);
        assertThat(lower).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void shouldRaiseACapacityReductionByHowMuchIsLost() {
        // act: the defaults raise a loss of 50 % or more to HIGH, all of it to CRITICAL
        Risk small = defaults.riskOf(change(ChangeKind.CAPACITY_REDUCED, "4", "3"));
        Risk half = defaults.riskOf(change(ChangeKind.CAPACITY_REDUCED, "2", "1"));
        Risk all = defaults.riskOf(change(ChangeKind.CAPACITY_REDUCED, "2", "0"));
        Risk unreadable = defaults.riskOf(change(ChangeKind.CAPACITY_REDUCED, "two", "one"));

        // assert
        assertThat(small).isEqualTo(Risk.MEDIUM);
        assertThat(half).isEqualTo(Risk.HIGH);
        assertThat(all).isEqualTo(Risk.CRITICAL);
        assertThat(unreadable).as("a value that is not a number loses nothing measurable").isEqualTo(Risk.MEDIUM);
        assertThat(RiskAssessor.lostPercent(change(ChangeKind.CAPACITY_REDUCED, "3", "1"))).isEqualTo(67);
        assertThat(RiskAssessor.lostPercent(change(ChangeKind.CAPACITY_REDUCED, "0", "0"))).isZero();
    }

    @Test
    void shouldFollowThePolicysOwnKindsAndThreshold() throws Exception {
        // arrange
        Policy policy = PolicyLoader.parse(".releasegate.yml", """
                version: 1
                risk:
                  kinds:
                    SERVER_ADDED: high
                  capacityReducedHighPercent: 20
                """);
        RiskAssessor assessor = new RiskAssessor(policy);

        // act + assert
        assertThat(assessor.riskOf(change(ChangeKind.SERVER_ADDED, "", "web-03"))).isEqualTo(Risk.HIGH);
        assertThat(assessor.riskOf(change(ChangeKind.CAPACITY_REDUCED, "4", "3"))).isEqualTo(Risk.HIGH);
    }

    @Test
    void shouldTakeTheHighestRiskOfAChangeSet() {
        // arrange
        List<AssessedChange> changes = defaults.assess(List.of(change(ChangeKind.SERVER_ADDED, "", "web-03"),
                change(ChangeKind.SERVER_REMOVED, "web-02", "")));

        // act + assert
        assertThat(changes).extracting(AssessedChange::risk).containsExactly(Risk.LOW, Risk.HIGH);
        assertThat(RiskAssessor.overall(changes)).isEqualTo(Risk.HIGH);
        assertThat(RiskAssessor.overall(List.of())).isEqualTo(Risk.NONE);
    }
}
