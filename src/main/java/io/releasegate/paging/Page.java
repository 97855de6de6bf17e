package io.releasegate.paging;

import io.releasegate.log.Redaction;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One page to the escalation chain: what PagerDuty calls an alert event, rendered for every other channel too.
 *
 * <p>{@code summary} is cut to {@value #MAX_SUMMARY} characters (ending in an ellipsis); {@code dedupKey} is at most
 * {@value #MAX_DEDUP_KEY} characters; {@code customDetails} keeps its order and holds only plain values (strings,
 * numbers, booleans, lists and maps of them). {@code component}, {@code group} and {@code eventClass} may be null.
 * The timestamp is kept to the millisecond.
 */
public record Page(PageAction action, String dedupKey, String summary, Severity severity, String source,
        String component, String group, String eventClass, Instant timestamp, Map<String, Object> customDetails,
        List<Link> links) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** PagerDuty's limit for {@code payload.summary}. */
    public static final int MAX_SUMMARY = 1024;
    /** PagerDuty's limit for {@code dedup_key}. */
    public static final int MAX_DEDUP_KEY = 255;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{12,}");

    public Page {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(severity, "severity");
        timestamp = Objects.requireNonNull(timestamp, "timestamp").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (dedupKey == null || dedupKey.isBlank()) {
            throw new IllegalArgumentException("a page needs a dedup key");
        }
        if (dedupKey.length() > MAX_DEDUP_KEY) {
            throw new IllegalArgumentException("dedup key is " + dedupKey.length() + " characters, at most "
                    + MAX_DEDUP_KEY + " are allowed");
        }
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a page needs a summary");
        }
        summary = truncate(summary.strip(), MAX_SUMMARY);
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a page needs a source");
        }
        component = blankToNull(component);
        group = blankToNull(group);
        eventClass = blankToNull(eventClass);
        customDetails = plainMap(customDetails == null ? Map.of() : customDetails, "customDetails");
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** Starts a trigger page. */
    public static Builder trigger(String dedupKey, String summary) {
        return new Builder(PageAction.TRIGGER, dedupKey, summary);
    }

    /** A resolve page for an earlier trigger with the same dedup key. */
    public static Page resolve(String dedupKey, String source, Instant timestamp) {
        return new Builder(PageAction.RESOLVE, dedupKey, "Resolved: " + dedupKey).source(source)
                .severity(Severity.INFO).timestamp(timestamp).build();
    }

    /**
     * The stable dedup key of a gate, pool and change: {@code release-gate/<gate>/<pool>/<first 12 hex of digest>},
     * the same for every page about that change, so a resolve closes what the trigger opened and a second trigger
     * updates it. Without a change digest (a verification between deploys) the key is
     * {@code release-gate/<gate>/<pool>}: every failure of that pool updates one incident. A {@code /} in a name
     * becomes {@code _}; a key longer than {@value #MAX_DEDUP_KEY} characters keeps its start and ends in {@code ~}
     * and 16 hex digits of the SHA-256 of the whole key. The digest may carry an algorithm prefix
     * ({@code sha256:...}).
     */
    public static String dedupKey(String gate, String pool, String changeDigest) {
        String key = "release-gate/" + segment(gate, "gate") + "/" + segment(pool, "pool");
        if (changeDigest != null) {
            String hex = changeDigest.substring(changeDigest.indexOf(':') + 1).toLowerCase(Locale.ROOT);
            if (!HEX.matcher(hex).matches()) {
                throw new IllegalArgumentException("change digest '" + changeDigest
                        + "' is not a hex digest of at least 12 digits");
            }
            key += "/" + hex.substring(0, 12);
        }
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return key.substring(0, MAX_DEDUP_KEY - 17) + "~" + java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String segment(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("dedup key needs a " + what);
        }
        return value.strip().replace('/', '_');
    }

    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Map<String, Object> plainMap(Map<?, ?> map, String where) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(where + ": keys must be strings, got " + entry.getKey());
            }
            copy.put(key, plainValue(entry.getValue(), where + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object plainValue(Object value, String where) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof java.math.BigDecimal
                || value instanceof java.math.BigInteger) {
            return value;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            return plainMap(map, where);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                copy.add(plainValue(list.get(i), where + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Enum<?> || value instanceof CharSequence || value instanceof Instant) {
            return value.toString();
        }
        throw new IllegalArgumentException(where + ": " + value.getClass().getSimpleName()
                + " is not a plain value (string, number, boolean, list or map)");
    }

    /** Builds a {@link Page}; severity defaults to critical, source to {@code release-gate}, time to now. */
    public static final class Builder {
        private final PageAction action;
        private final String dedupKey;
        private final String summary;
        private Severity severity = Severity.CRITICAL;
        private String source = "release-gate";
        private String component;
        private String group;
        private String eventClass;
        private Instant timestamp;
        private final Map<String, Object> customDetails = new LinkedHashMap<>();
        private final List<Link> links = new ArrayList<>();

        private Builder(PageAction action, String dedupKey, String summary) {
            this.action = action;
            this.dedupKey = dedupKey;
            this.summary = summary;
        }

        public Builder severity(Severity value) {
            severity = value;
            return this;
        }

        public Builder source(String value) {
            source = value;
            return this;
        }

        public Builder component(String value) {
            component = value;
            return this;
        }

        public Builder group(String value) {
            group = value;
            return this;
        }

        public Builder eventClass(String value) {
            eventClass = value;
            return this;
        }

        public Builder timestamp(Instant value) {
            timestamp = value;
            return this;
        }

        /** Adds one custom detail; insertion order is kept on the wire. */
        public Builder detail(String key, Object value) {
            customDetails.put(key, value);
            return this;
        }

        /** Adds a link; the user information of its URL (a password) is redacted, for the wire and the outbox. */
        public Builder link(String href, String text) {
            links.add(new Link(Redaction.text(href), text));
            return this;
        }

        public Page build() {
            return new Page(action, dedupKey, summary, severity, source, component, group, eventClass,
                    timestamp == null ? Instant.now() : timestamp, customDetails, links);
        }
    }
}
