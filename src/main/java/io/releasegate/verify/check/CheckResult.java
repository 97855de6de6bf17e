package io.releasegate.verify.check;

import java.io.Serializable;
import java.util.Objects;

/**
 * The classification of one check, with its reason in words.
 *
 * @param check   the kind of check: {@code distribution}, {@code missing}, {@code unexpected}, {@code errors},
 *                {@code health}, {@code drift}, ...
 * @param subject what was checked: a pool, a server name, or an address
 * @param status  the classification
 * @param reason  one sentence a release engineer can act on
 */
public record CheckResult(String check, String subject, CheckStatus status, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public static CheckResult pass(String check, String subject, String reason) {
        return new CheckResult(check, subject, CheckStatus.PASS, reason);
    }

    public static CheckResult fail(String check, String subject, String reason) {
        return new CheckResult(check, subject, CheckStatus.FAIL, reason);
    }

    public static CheckResult error(String check, String subject, String reason) {
        return new CheckResult(check, subject, CheckStatus.ERROR, reason);
    }

    public static CheckResult inconclusive(String check, String subject, String reason) {
        return new CheckResult(check, subject, CheckStatus.INCONCLUSIVE, reason);
    }
}
