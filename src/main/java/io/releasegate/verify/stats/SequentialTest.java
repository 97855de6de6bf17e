package io.releasegate.verify.stats;

import java.util.Arrays;
import org.apache.commons.statistics.inference.ChiSquareTest;

/**
 * Watches the counts per declared server as responses arrive and says when a FAIL is certain: a server past its
 * zero-rule threshold with no response, or a chi-square look that rejects. Looks happen only at the sample sizes of
 * the {@link SamplePlan}, each at its Bonferroni share of alpha, so the false-positive rate stays at most alpha
 * (the simulation test shows it). Not thread-safe: the caller serializes calls.
 */
public final class SequentialTest {
    private final double[] shares;
    private final SamplePlan plan;
    private int nextLook;
    private long lastTestedN = -1;
    private GofResult lastTest;
    private int missingServer = -1;

    public SequentialTest(double[] shares, SamplePlan plan) {
        this.shares = shares.clone();
        this.plan = plan;
        this.lastTest = GofResult.notRun(plan.testsShares() ? GofResult.CHI_SQUARE : "not tested", plan.alphaPerLook());
    }

    /**
     * Takes the counts after one more identified response from a declared server.
     *
     * @return true when the verdict is FAIL whatever the next responses are
     */
    public boolean observe(long[] counts) {
        long n = Arrays.stream(counts).sum();
        for (int i = 0; i < counts.length; i++) {
            int threshold = plan.zeroThreshold(i);
            if (threshold > 0 && counts[i] == 0 && n >= threshold) {
                missingServer = i;
                return true;
            }
        }
        if (plan.testsShares() && nextLook < plan.looks().size() && n >= plan.looks().get(nextLook)) {
            nextLook++;
            return test(counts, n).reject();
        }
        return false;
    }

    /**
     * The test at the end of the run: when the run stopped between two looks (deadline), the responses since the
     * last look are tested once more, in place of the next planned look. Never before the first look: below it some
     * expected count is under 5, where the chi-square approximation does not hold its level.
     */
    public GofResult finish(long[] counts) {
        long n = Arrays.stream(counts).sum();
        if (plan.testsShares() && n > lastTestedN && n >= plan.looks().get(0) && nextLook < plan.looks().size()) {
            nextLook++;
            test(counts, n);
        }
        return lastTest;
    }

    private GofResult test(long[] counts, long n) {
        double[] expected = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            expected[i] = shares[i] * n;
        }
        var result = ChiSquareTest.withDefaults().test(expected, counts);
        lastTestedN = n;
        lastTest = new GofResult(GofResult.CHI_SQUARE, result.getStatistic(), result.getPValue(),
                plan.alphaPerLook(), n, nextLook, result.getPValue() < plan.alphaPerLook());
        return lastTest;
    }

    /** The latest chi-square look (or a not-run marker). */
    public GofResult lastTest() {
        return lastTest;
    }

    /** Index of the server the zero rule caught, or -1. */
    public int missingServer() {
        return missingServer;
    }

    public SamplePlan plan() {
        return plan;
    }
}
