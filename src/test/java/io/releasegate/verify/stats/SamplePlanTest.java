package io.releasegate.verify.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplePlanTest {
    @Test
    void shouldPlanLooksThatDoubleUpToTheDefaultRequestCount() {
        SamplePlan plan = SamplePlan.of(new double[] {0.5, 0.5}, 0.001, true, true, 0);

        assertThat(plan.looks()).startsWith(10, 20, 40, 80, 160);
        assertThat(plan.looks().get(plan.looks().size() - 1)).isEqualTo(plan.maxRequests());
        assertThat(plan.alphaPerLook() * plan.looks().size()).isCloseTo(0.0005, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(plan.zeroThresholds()).containsExactly(12, 12);
        assertThat(plan.maxRequests()).isBetween(150, 300);
    }

    @Test
    void shouldGiveTheWholeAlphaToTheZeroRuleWhenSharesAreNotTested() {
        SamplePlan plan = SamplePlan.of(new double[] {0.5, 0.5}, 0.001, false, true, 0);

        assertThat(plan.testsShares()).isFalse();
        assertThat(plan.looks()).isEmpty();
        assertThat(plan.zeroThresholds()).containsExactly(11, 11);
        assertThat(plan.maxRequests()).isEqualTo(11);
    }

    @Test
    void shouldKeepAnExplicitRequestCount() {
        SamplePlan plan = SamplePlan.of(new double[] {0.75, 0.25}, 0.001, true, true, 50);

        assertThat(plan.maxRequests()).isEqualTo(50);
        assertThat(plan.looks()).containsExactly(20, 40, 50);
    }

    @Test
    void shouldRejectAnAlphaOutsideZeroAndOne() {
        assertThatThrownBy(() -> SamplePlan.of(new double[] {1}, 0, true, true, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
    }

    @Test
    void shouldMatchTheTextbookSampleSizeForTwoServers() {
        // (z_{1-0.0005} + z_{0.95})^2 / 0.16 = (3.2905 + 1.6449)^2 / 0.16 = 152.3
        assertThat(ChiSquarePower.sampleSize(0.4, 1, 0.001, 0.95)).isBetween(151, 154);
    }
}
