package io.jenkins.plugins.releasegate.view;

/**
 * The colour of a badge for a risk, verdict, status or outcome: a class of the Jenkins design library
 * ({@code jenkins-!-error-color} and the like, core 2.479.3 {@code war/src/main/scss/abstracts/_colors.scss}) that
 * sets the {@code --color} a {@code jenkins-badge} is painted with, and that the light and dark themes define.
 * White text sits on the saturated or dark colour, legible in both themes.
 */
public final class Badge {
    static final String RED = "jenkins-!-error-color";
    static final String GREEN = "jenkins-!-success-color";
    static final String ORANGE = "jenkins-!-color-dark-orange";
    static final String YELLOW = "jenkins-!-color-dark-yellow";
    static final String BLUE = "jenkins-!-info-color";
    static final String GREY = "jenkins-!-color-dark-indigo";

    private Badge() {
    }

    /** NONE, LOW, MEDIUM, HIGH, CRITICAL. */
    public static String risk(String risk) {
        return switch (risk == null ? "" : risk) {
            case "CRITICAL" -> RED;
            case "HIGH" -> ORANGE;
            case "MEDIUM" -> YELLOW;
            case "LOW" -> BLUE;
            case "NONE" -> GREEN;
            default -> GREY;
        };
    }

    /**
     * Verdicts, statuses and outcomes: PASS, OK, RELEASED, DELIVERED, PASSED; RECOVERED, ROLLED_BACK; FAIL, FAILED,
     * ERROR, REJECTED, TIMED_OUT, NOT_STARTED, UNRECOVERED, UNDELIVERED; PENDING; INCONCLUSIVE, NO_DATA, SKIPPED.
     * Holds: HELD (blue), OVERDUE (red: ended with the server still out), ENDED and UNCONFIRMED (yellow: ended, not
     * yet seen back).
     */
    public static String status(String status) {
        return switch (status == null ? "" : status) {
            case "PASS", "OK", "RELEASED", "DELIVERED", "PASSED" -> GREEN;
            case "RECOVERED", "ROLLED_BACK" -> ORANGE;
            case "FAIL", "FAILED", "ERROR", "REJECTED", "TIMED_OUT", "NOT_STARTED", "UNRECOVERED", "UNDELIVERED",
                    "ABORTED", "NOT VERIFIED", "OVERDUE" -> RED;
            case "PENDING", "HELD" -> BLUE;
            case "INCONCLUSIVE", "ENDED", "UNCONFIRMED" -> YELLOW;
            default -> GREY;
        };
    }
}
