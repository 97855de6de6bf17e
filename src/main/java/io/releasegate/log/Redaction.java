package io.releasegate.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the user information ({@code user:password@}) of URLs from text before it reaches a log, a report, an
 * exception message or the outbox. The one place that knows how: every URL the CLI accepts ({@code --lb},
 * {@code --stats}, {@code --health}, contact URLs, {@code verify.lb}) passes through it where it enters a result or a
 * log line.
 */
public final class Redaction {
    /** What stands in for the user information. */
    public static final String MASK = "***";

    /**
     * {@code scheme://} followed by everything up to the last {@code @} of the authority (a password may itself hold
     * an unencoded {@code @}; the authority ends at {@code /}, {@code ?}, {@code #} or white space).
     */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\\s\"'<>]*@");

    private Redaction() {
    }

    /** The URL (or any text) with the user information of every URL in it replaced by {@code ***}; null stays null. */
    public static String text(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher matcher = USER_INFO.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK + "@"));
    }

    /** Whether {@code text} holds a URL with user information. */
    public static boolean hasUserInfo(String text) {
        return text != null && USER_INFO.matcher(text).find();
    }
}
