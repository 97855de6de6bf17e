package io.releasegate.recovery;

import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.Words;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A verification result in the words of timelines, pages and summaries. */
public final class VerificationWords {
    private VerificationWords() {
    }

    /** {@code 195 requests, 0 errors, observed web-01 97, web-02 98; <reasons>}. */
    public static String describe(VerificationResult result) {
        if (result == null) {
            return "not verified";
        }
        List<String> observed = new ArrayList<>();
        for (Map.Entry<String, Long> entry : result.observed().entrySet()) {
            observed.add(entry.getKey() + " " + entry.getValue());
        }
        result.tally().unexpected().forEach((server, count) -> observed.add(server + " " + count + " (not declared)"));
        return result.requests() + " " + Words.plural(result.requests(), "request") + ", " + result.errors() + " "
                + Words.plural(result.errors(), "error") + ", observed "
                + (observed.isEmpty() ? "nothing" : String.join(", ", observed))
                + (result.reasons().isEmpty() ? "" : "; " + String.join("; ", result.reasons()));
    }

    /** The first reason of the verdict, or the verdict itself when there is none. */
    public static String firstReason(VerificationResult result) {
        return result.reasons().isEmpty() ? result.verdict().name() : result.reasons().get(0);
    }

    /**
     * Every check that did not pass and is not merely untested (FAIL, ERROR, INCONCLUSIVE) as
     * {@code FAIL missing web-02: <reason>}: a page lists what a cut-short run left undecided as well as what failed.
     */
    public static List<String> failing(VerificationResult result) {
        List<String> failing = new ArrayList<>();
        for (CheckResult check : result.checks()) {
            if (check.status() == CheckStatus.FAIL || check.status() == CheckStatus.ERROR
                    || check.status() == CheckStatus.INCONCLUSIVE) {
                failing.add(check.status() + " " + check.check() + " " + check.subject() + ": " + check.reason());
            }
        }
        return failing;
    }
}
