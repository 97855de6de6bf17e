package io.releasegate.verify.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Power of Pearson's chi-square goodness-of-fit test: the noncentral chi-square survival function as the Poisson
 * mixture of central chi-square survival functions (commons-statistics distributions), noncentrality
 * {@code n * w^2} for Cohen's effect size {@code w}.
 */
public final class ChiSquarePower {
    private ChiSquarePower() {
    }

    /** Probability that the test at {@code alpha} with {@code df} degrees of freedom rejects at noncentrality lambda. */
    public static double power(double lambda, int df, double alpha) {
        double critical = ChiSquaredDistribution.of(df).inverseSurvivalProbability(alpha);
        double half = lambda / 2;
        if (half <= 0) {
            return alpha;
        }
        PoissonDistribution poisson = PoissonDistribution.of(half);
        int last = (int) Math.ceil(half + 12 * Math.sqrt(half) + 30);
        double sum = 0;
        for (int j = 0; j <= last; j++) {
            sum += poisson.probability(j) * ChiSquaredDistribution.of(df + 2.0 * j).survivalProbability(critical);
        }
        return Math.min(1, sum);
    }

    /** The smallest sample size at which the test has at least {@code power} against effect size {@code w}. */
    public static int sampleSize(double w, int df, double alpha, double power) {
        int low = 1;
        int high = 2;
        while (power(high * w * w, df, alpha) < power) {
            low = high;
            high *= 2;
            if (high > 1_000_000) {
                return high;
            }
        }
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (power(mid * w * w, df, alpha) >= power) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }
}
