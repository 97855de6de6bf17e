package io.releasegate.verify;

import io.releasegate.verify.probe.ProbeResponse;
import java.io.Serializable;
import java.net.HttpCookie;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Where a response says which backend answered: {@code header:NAME}, {@code body:REGEX} (first group) or
 * {@code cookie:NAME}.
 *
 * @param source {@code header}, {@code body} or {@code cookie}
 * @param name   the header or cookie name, or the regular expression
 */
public record BackendIdentifier(String source, String name) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();
    public static final BackendIdentifier DEFAULT = new BackendIdentifier("header", "X-Served-By");

    public BackendIdentifier {
        source = source.toLowerCase(Locale.ROOT);
        switch (source) {
            case "header", "cookie" -> {
                if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw new IllegalArgumentException("--identify " + source + ":" + name + ": '" + name
                            + "' is not a valid " + source + " name");
                }
            }
            case "body" -> {
                Pattern pattern;
                try {
                    pattern = Pattern.compile(name);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("--identify body:" + name + ": not a regular expression: "
                            + e.getDescription(), e);
                }
                if (pattern.matcher("").groupCount() < 1) {
                    throw new IllegalArgumentException("--identify body:" + name
                            + ": the expression needs a group, e.g. body:served by (\\S+)");
                }
            }
            default -> throw new IllegalArgumentException("--identify " + source + ":" + name
                    + ": expected header:NAME, body:REGEX or cookie:NAME");
        }
    }

    /** Parses {@code header:X-Served-By}, {@code body:REGEX} or {@code cookie:SERVERID}. */
    public static BackendIdentifier parse(String spec) {
        int colon = spec == null ? -1 : spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("--identify '" + spec
                    + "': expected header:NAME, body:REGEX or cookie:NAME");
        }
        return new BackendIdentifier(spec.substring(0, colon), spec.substring(colon + 1));
    }

    /** The value the response carries, if any (blank values count as none). */
    public Optional<String> identify(ProbeResponse response) {
        String value = switch (source) {
            case "header" -> response.header(name).orElse(null);
            case "cookie" -> cookie(response);
            default -> bodyMatch(response.body());
        };
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private String cookie(ProbeResponse response) {
        for (String header : response.headers("set-cookie")) {
            try {
                for (HttpCookie cookie : HttpCookie.parse(header)) {
                    if (cookie.getName().equals(name)) {
                        return cookie.getValue();
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // another cookie, malformed: not ours
            }
        }
        return null;
    }

    private String bodyMatch(String body) {
        Matcher matcher = PATTERNS.computeIfAbsent(name, Pattern::compile).matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Override
    public String toString() {
        return source + ":" + name;
    }
}
