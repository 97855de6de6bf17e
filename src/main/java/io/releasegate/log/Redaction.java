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

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

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

    /**
     * A text given as one URL, valid or not (an option's value, a policy key's): everything between its scheme (or its
     * start, without one) and its last {@code @} is masked. Unlike {@link #text}, this also hides a password that
     * holds an unencoded {@code /}, {@code ?}, {@code #} or blank ({@code http://u:pa/ss@host/}), or a URL given
     * without a scheme ({@code u:pw@host:80}); a text without {@code @} stays as it is.
     */
    public static String url(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher scheme = SCHEME.matcher(text);
        int start = scheme.lookingAt() ? scheme.end() : 0;
        int at = text.lastIndexOf('@');
        return at < start ? text(text) : text.substring(0, start) + MASK + text.substring(at);
    }

    /** Whether {@code text} is one URL-like token: a scheme and no white space. */
    public static boolean isUrl(String text) {
        return text != null && SCHEME.matcher(text).lookingAt() && text.chars().noneMatch(Character::isWhitespace);
    }

    /** Whether {@code text} holds a URL with user information. */
    public static boolean hasUserInfo(String text) {
        return text != null && USER_INFO.matcher(text).find();
    }
}
