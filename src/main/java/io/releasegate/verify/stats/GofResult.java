package io.releasegate.verify.stats;

import java.io.Serializable;

/**
 * One goodness-of-fit test of observed counts against declared shares.
 *
 * @param name      the test, e.g. {@code chi-square goodness of fit}
 * @param statistic the test statistic
 * @param pValue    its p-value (NaN when the test was not run)
 * @param alpha     the significance level this look was held to (after Bonferroni over looks and pools)
 * @param n         the number of identified responses tested
 * @param look      1-based number of the look
 * @param reject    {@code pValue < alpha}
 */
public record GofResult(String name, double statistic, double pValue, double alpha, long n, int look, boolean reject)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String CHI_SQUARE = "chi-square goodness of fit";

    /** No test was run (one server, a hash algorithm, or nothing observed). */
    public static GofResult notRun(String why, double alpha) {
        return new GofResult(why, Double.NaN, Double.NaN, alpha, 0, 0, false);
    }

    public boolean ran() {
        return !Double.isNaN(pValue);
    }
}
