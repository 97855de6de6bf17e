package io.releasegate.verify.probe;

import io.releasegate.log.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The http(s) URLs a run is pointed at ({@code --lb}, {@code --stats}, {@code --health}), checked before anything is
 * sent: an absolute {@code http} or {@code https} URL with a host and, when given, a port from 1 to 65535. Errors name
 * the option and the value with its user information (which may carry a password) masked by {@link Redaction}.
 */
public final class HttpUrl {
    /** Said of a URL that cannot be read, in case user information is why. */
    private static final String USER_INFO_HINT = "; in user information, percent-encode '/', '?', '#', '@' and blanks";

    private HttpUrl() {
    }

    /**
     * Parses and checks {@code text}.
     *
     * @param option what the value was given as, e.g. {@code --lb}; it starts the error message
     * @throws IllegalArgumentException naming the option and the value (user information masked) and the problem
     */
    public static URI parse(String option, String text) {
        if (!text.contains("://")) {
            throw problem(option, text, "expected an http:// or https:// URL");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw problem(option, text, "not a URL (" + e.getReason() + " at index " + e.getIndex() + ")"
                    + (text.indexOf('@') >= 0 ? USER_INFO_HINT : ""));
        }
        return check(option, uri);
    }

    /**
     * Checks a URL already parsed.
     *
     * @return {@code uri}
     * @throws IllegalArgumentException as {@link #parse}
     */
    public static URI check(String option, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw problem(option, uri.toString(), "expected an http:// or https:// URL");
        }
        if (uri.getHost() == null && uri.getRawUserInfo() == null && uri.toString().indexOf('@') >= 0) {
            // an '@' after the host part: a password with an unencoded '/', '?' or '#' (never echo any of it)
            throw problem(option, uri.toString(), "no host" + USER_INFO_HINT);
        }
        if (uri.getHost() == null) {
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            authority = authority.substring(authority.lastIndexOf('@') + 1); // never the user information
            int colon = authority.lastIndexOf(':');
            if (colon > authority.lastIndexOf(']') && colon >= 0) {
                String port = authority.substring(colon + 1);
                throw problem(option, uri.toString(), port.isEmpty() || !port.chars().allMatch(Character::isDigit)
                        ? "the port '" + port + "' is not a number" : "the port " + port + " is out of range (1 to 65535)");
            }
            throw problem(option, uri.toString(), "no host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw problem(option, uri.toString(), "the port " + uri.getPort() + " is out of range (1 to 65535)");
        }
        return uri;
    }

    private static IllegalArgumentException problem(String option, String text, String problem) {
        return new IllegalArgumentException(option + " '" + Redaction.url(text) + "': " + problem);
    }
}
