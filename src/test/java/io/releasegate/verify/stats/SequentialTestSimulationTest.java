package io.releasegate.verify.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Soundness of early stopping, by seeded simulation: servers picked at random with the true shares (the most
 * variable balancer; round robin is far less variable), the sequential test looking after every response.
 */
class SequentialTestSimulationTest {
    private static final double[] FIFTY_FIFTY = {0.5, 0.5};

    @Test
    void shouldKeepTheFalsePositiveRateAtAlphaDespiteEarlyLooks() {
        double alpha = 0.05;
        SamplePlan plan = SamplePlan.of(FIFTY_FIFTY, alpha, true, true, 0);
        SplittableRandom random = new SplittableRandom(20261124L);
        int runs = 4000;

        int falsePositives = 0;
        for (int run = 0; run < runs; run++) {
            falsePositives += simulate(plan, FIFTY_FIFTY, new double[] {0.5, 0.5}, random) > 0 ? 1 : 0;
        }

        double rate = falsePositives / (double) runs;
        // 3 standard errors of a rate of 0.05 over 4000 runs is 0.010
        assertThat(rate).isLessThanOrEqualTo(alpha + 0.010);
    }

    @Test
    void shouldInflateTheFalsePositiveRateWhenEveryLookUsesTheFullAlpha() {
        double alpha = 0.05;
        SamplePlan sound = SamplePlan.of(FIFTY_FIFTY, alpha, true, true, 0);
        SamplePlan naive = new SamplePlan(sound.maxRequests(), sound.looks(), alpha, alpha,
                sound.zeroThresholds(), true);
        SplittableRandom random = new SplittableRandom(7L);
        int runs = 4000;

        int falsePositives = 0;
        for (int run = 0; run < runs; run++) {
            falsePositives += simulate(naive, FIFTY_FIFTY, new double[] {0.5, 0.5}, random) > 0 ? 1 : 0;
        }

        // the reason for the Bonferroni split: repeated looks at the full alpha reject a true H0 far too often
        assertThat(falsePositives / (double) runs).isGreaterThan(alpha + 0.02);
    }

    @Test
    void shouldDetectSeventyThirtyWithHighPowerWithinTwiceTheFixedSampleMinimum() {
        double alpha = 0.001;
        SamplePlan plan = SamplePlan.of(FIFTY_FIFTY, alpha, true, true, 0);
        SplittableRandom random = new SplittableRandom(42L);
        int runs = 1000;

        int detected = 0;
        long requestsUntilFail = 0;
        for (int run = 0; run < runs; run++) {
            int stoppedAt = simulate(plan, FIFTY_FIFTY, new double[] {0.7, 0.3}, random);
            if (stoppedAt > 0) {
                detected++;
                requestsUntilFail += stoppedAt;
            }
        }

        int fixedSampleMinimum = ChiSquarePower.sampleSize(SamplePlan.DESIGN_EFFECT, 1, alpha, 0.95);
        assertThat(fixedSampleMinimum).isBetween(145, 160);
        assertThat(detected / (double) runs).isGreaterThanOrEqualTo(0.93);
        assertThat(requestsUntilFail / (double) detected).isLessThanOrEqualTo(2.0 * fixedSampleMinimum);
    }

    @Test
    void shouldCatchTheIncidentAfterTwelveRequests() {
        SamplePlan plan = SamplePlan.of(FIFTY_FIFTY, 0.001, true, true, 0);
        SequentialTest test = new SequentialTest(FIFTY_FIFTY, plan);
        long[] counts = new long[2];

        int stoppedAt = 0;
        for (int n = 1; n <= plan.maxRequests() && stoppedAt == 0; n++) {
            counts[0]++;
            stoppedAt = test.observe(counts) ? n : 0;
        }

        // (1/2)^12 = 0.00024 < 0.001/2/2: the zero rule, with alpha split between it and the looks, and over 2 servers
        assertThat(stoppedAt).isEqualTo(12);
        assertThat(test.missingServer()).isEqualTo(1);
    }

    @Test
    void shouldNeverFailRoundRobinTraffic() {
        double[] shares = {0.5, 0.25, 0.25};
        SamplePlan plan = SamplePlan.of(shares, 0.001, true, true, 0);
        SequentialTest test = new SequentialTest(shares, plan);
        long[] counts = new long[3];
        int[] cycle = {0, 1, 0, 2};

        boolean failed = false;
        for (int n = 0; n < plan.maxRequests() && !failed; n++) {
            counts[cycle[n % 4]]++;
            failed = test.observe(counts);
        }

        assertThat(failed).isFalse();
        assertThat(test.finish(counts).pValue()).isGreaterThan(0.9);
    }

    /** Returns the number of responses at which the test failed, or 0 when it ran to the end without failing. */
    private static int simulate(SamplePlan plan, double[] declared, double[] truth, SplittableRandom random) {
        SequentialTest test = new SequentialTest(declared, plan);
        long[] counts = new long[declared.length];
        for (int n = 1; n <= plan.maxRequests(); n++) {
            double u = random.nextDouble();
            int server = 0;
            double cumulative = truth[0];
            while (u >= cumulative && server < truth.length - 1) {
                server++;
                cumulative += truth[server];
            }
            counts[server]++;
            if (test.observe(counts)) {
                return n;
            }
        }
        return 0;
    }
}
