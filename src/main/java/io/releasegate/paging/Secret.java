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

    private List<String> forms() {
        List<String> forms = new ArrayList<>();
        forms.add(value);
        try {
            URI uri = URI.create(value);
            if (uri.getRawPath() != null && uri.getRawPath().length() >= 8) {
                forms.add(uri.getRawPath());
            }
            if (uri.getRawQuery() != null && uri.getRawQuery().length() >= 8) {
                forms.add(uri.getRawQuery());
            }
        } catch (IllegalArgumentException notAUri) {
            // only the value itself
        }
        forms.sort((a, b) -> b.length() - a.length());
        return forms;
    }

    @Override
    public String toString() {
        return "Secret[" + reference + "]";
    }
}
