package io.releasegate.verify.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How many requests to send and when to look, so that looking early does not inflate the false-positive rate.
 *
 * <p>The family-wise level {@code alpha} is split by Bonferroni: when shares are tested, half goes to the
 * "zero so far" rule and half to the chi-square looks, each look at {@code alpha / 2 / looks}. The zero rule gives
 * each server with share {@code p} the smallest {@code n} with {@code (1-p)^n < alphaZero / servers}; since "no
 * response in n" implies "none in any fewer", checking it after every response costs no extra alpha.
 *
 * <p>The default request count is the larger of the zero-rule threshold and the sample size at which the chi-square
 * test at the per-look level has {@value #POWER} power against Cohen's effect size {@value #DESIGN_EFFECT} (for two
 * servers: 70/30 instead of 50/50).
 *
 * @param maxRequests    upper bound of identified responses
 * @param looks          ascending sample sizes at which the chi-square test is run (the last is maxRequests)
 * @param alphaPerLook   level of each chi-square look
 * @param alphaZero      level of the zero rule per server
 * @param zeroThresholds per server: responses after which zero responses for it is a FAIL (0: the rule is off)
 * @param testsShares    the chi-square test applies (weighted algorithm, at least two servers)
 */
public record SamplePlan(int maxRequests, List<Integer> looks, double alphaPerLook, double alphaZero,
        List<Integer> zeroThresholds, boolean testsShares) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final double DESIGN_EFFECT = 0.4;
    public static final double POWER = 0.95;
    /** Default requests never exceed this; larger runs must be asked for with {@code --requests}. */
    public static final int DEFAULT_CAP = 20_000;

    public SamplePlan {
        looks = List.copyOf(looks);
        zeroThresholds = List.copyOf(zeroThresholds);
    }

    /**
     * @param shares      expected share per server (0 for a server that is not required to see traffic)
     * @param alpha       family-wise level for this pool (already divided by the number of pools)
     * @param testsShares whether the chi-square test applies
     * @param zeroRule    whether a server with share above 0 and no responses fails
     * @param requested   requests asked for, or 0 for the default
     */
    public static SamplePlan of(double[] shares, double alpha, boolean testsShares, boolean zeroRule, int requested) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
        }
        boolean gof = testsShares && shares.length >= 2;
        double alphaZeroTotal = gof ? alpha / 2 : alpha;
        long required = zeroRule ? Math.max(1, java.util.Arrays.stream(shares).filter(s -> s > 0).count()) : 1;
        double alphaZero = alphaZeroTotal / required;
        List<Integer> zero = new ArrayList<>();
        int zeroMax = 0;
        for (double share : shares) {
            int threshold = zeroRule && share > 0 ? zeroThreshold(share, alphaZero) : 0;
            zero.add(threshold);
            zeroMax = Math.max(zeroMax, threshold);
        }
        int first = firstLook(shares);
        int max = requested > 0 ? requested : Math.max(Math.max(zeroMax, first), 10);
        double alphaPerLook = gof ? alpha / 2 : 0;
        if (gof && requested <= 0) {
            int looks = 6;
            for (int round = 0; round < 8; round++) {
                alphaPerLook = alpha / 2 / looks;
                int n = ChiSquarePower.sampleSize(DESIGN_EFFECT, shares.length - 1, alphaPerLook, POWER);
                max = Math.min(DEFAULT_CAP, Math.max(Math.max(n, zeroMax), first));
                int next = schedule(first, max).size();
                if (next == looks) {
                    break;
                }
                looks = next;
            }
        }
        List<Integer> looks = gof ? schedule(first, max) : List.of();
        if (gof) {
            alphaPerLook = alpha / 2 / looks.size();
        }
        return new SamplePlan(max, looks, alphaPerLook, alphaZero, zero, gof);
    }

    /** Smallest n with {@code (1-share)^n < alpha}. */
    public static int zeroThreshold(double share, double alpha) {
        if (share >= 1) {
            return 1;
        }
        return (int) Math.floor(Math.log(alpha) / Math.log(1 - share)) + 1;
    }

    /** The first look: every expected count at least 5 (the chi-square approximation's usual condition). */
    static int firstLook(double[] shares) {
        return smallestTestable(java.util.Arrays.stream(shares).filter(s -> s > 0).min().orElse(1));
    }

    /**
     * The fewest responses a chi-square test of shares whose smallest is {@code smallestShare} can judge: every
     * expected count at least 5, and at least 10. Below it the test does not hold its level, so a run that asked for
     * fewer requests ({@code --requests}) cannot PASS on it.
     */
    public static int smallestTestable(double smallestShare) {
        return Math.max(10, (int) Math.ceil(5 / smallestShare));
    }

    /** Looks at first, 2 first, 4 first, ... and finally at max. */
    static List<Integer> schedule(int first, int max) {
        List<Integer> looks = new ArrayList<>();
        for (long n = first; n < max; n *= 2) {
            looks.add((int) n);
        }
        looks.add(max);
        return looks;
    }

    public int zeroThreshold(int server) {
        return zeroThresholds.get(server);
    }
}
