package io.releasegate.paging;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A secret value (routing key, webhook URL, password, HMAC key) with the reference it was read from. Its
 * {@link #toString()} shows only the reference; {@link #redact(String, Collection)} removes secret values from any
 * text before it reaches a log, an exception or a report. Deliberately not {@code Serializable}: secrets are
 * resolved again where they are used, never persisted.
 */
public final class Secret {
    private static final String MASK = "***";
    private final String reference;
    private final String value;

    Secret(String reference, String value) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** A secret given directly by the embedding code (for example a Jenkins credential), shown as {@code label}. */
    public static Secret of(String label, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("secret " + label + " is empty");
        }
        return new Secret(label, value);
    }

    /** Where the secret came from, e.g. {@code env:PD_ROUTING_KEY}; safe to print. */
    public String reference() {
        return reference;
    }

    /** The secret itself: only for building the request, never for text shown to anyone. */
    public String value() {
        return value;
    }

    /** Replaces every secret value (and, for URLs, their path) in {@code text} by {@code ***}. */
    public static String redact(String text, Collection<Secret> secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Secret secret : secrets) {
            for (String form : secret.forms()) {
                result = result.replace(form, MASK);
            }
        }
        return result;
    }

    /**
     * The value, for a URL also its path, its query and every long path segment or query value (the token a server
     * may quote alone), each as written, JSON-escaped ({@code \/}) and percent-encoded (either case): the ways an
     * error reply echoes what it was sent.
     */
    private List<String> forms() {
        List<String> parts = new ArrayList<>();
        parts.add(value);
        try {
            URI uri = URI.create(value);
            if (uri.getRawPath() != null && uri.getRawPath().length() >= 8) {
                parts.add(uri.getRawPath());
                for (String segment : uri.getRawPath().split("/")) {
                    addIfLong(parts, segment);
                }
            }
            if (uri.getRawQuery() != null && uri.getRawQuery().length() >= 8) {
                parts.add(uri.getRawQuery());
                for (String parameter : uri.getRawQuery().split("&")) {
                    addIfLong(parts, parameter.substring(parameter.indexOf('=') + 1));
                }
            }
        } catch (IllegalArgumentException notAUri) {
            // only the value itself
        }
        java.util.Set<String> forms = new java.util.LinkedHashSet<>();
        for (String part : parts) {
            forms.add(part);
            forms.add(part.replace("/", "\\/"));
            String encoded = java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8);
            forms.add(encoded);
            forms.add(encoded.replace("+", "%20"));
            forms.add(java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(encoded)
                    .replaceAll(match -> match.group().toLowerCase(java.util.Locale.ROOT)));
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort((a, b) -> b.length() - a.length());
        return sorted;
    }

    /** A part of a URL long enough to be a token (Slack's are 24 characters), not a word such as "services". */
    private static void addIfLong(List<String> parts, String part) {
        if (part.length() >= 16) {
            parts.add(part);
        }
    }

    @Override
    public String toString() {
        return "Secret[" + reference + "]";
    }
}
