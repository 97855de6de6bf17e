package io.releasegate.paging;

import java.util.Locale;

/** Severity of a page, as PagerDuty's Common Event Format names it. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    /** The lower-case name used on the wire ({@code critical}, {@code error}, ...). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code critical|error|warning|info} (any case); the message names the allowed values. */
    public static Severity parse(String text) {
        if (text != null) {
            for (Severity severity : values()) {
                if (severity.wire().equalsIgnoreCase(text.trim())) {
                    return severity;
                }
            }
        }
        throw new IllegalArgumentException("severity '" + text + "' is not one of critical, error, warning, info");
    }
}
