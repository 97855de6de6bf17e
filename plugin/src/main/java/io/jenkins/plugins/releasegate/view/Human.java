package io.jenkins.plugins.releasegate.view;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;

/** Numbers, lists, times and digests as a reviewer reads them at a glance. */
public final class Human {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Human() {
    }

    /**
     * A probability or significance level with two significant digits and no exponent: {@code 0.00053},
     * {@code 0.000083}, {@code 0.94}; below one in a million {@code < 0.000001}; {@code n/a} when not a number.
     */
    public static String probability(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        if (value != 0 && Math.abs(value) < 1e-6) {
            return "< 0.000001";
        }
        return plain(value, 2);
    }

    /** A statistic: {@code 12.0}, {@code 0.0051}, {@code 1234.5}; {@code n/a} when not a number. */
    public static String statistic(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs >= 10 || abs == 0) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return plain(value, 2);
    }

    /** A share as {@code 49.7 %}. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** A whole number with thousands separated: {@code 10,000}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 340 ms}, {@code 1.1 s}, {@code 2 min 5 s}. */
    public static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }

    /** {@code web-01, web-02}; {@code none} for an empty list. */
    public static String list(Collection<String> items) {
        return items == null || items.isEmpty() ? "none" : String.join(", ", items);
    }

    /** {@code 2025-03-01 10:00:05 UTC}. */
    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** {@code 2025-03-01 10:00:05 UTC} from epoch milliseconds. */
    public static String time(long epochMillis) {
        return time(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code sha256:6cd751c6b8ba} (the algorithm and the first 12 hex digits); the text unchanged when shorter. */
    public static String shortDigest(String digest) {
        if (digest == null) {
            return "";
        }
        int colon = digest.indexOf(':');
        int end = colon + 1 + 12;
        return digest.length() > end ? digest.substring(0, end) : digest;
    }

    /** The first 10 characters of a commit id. */
    public static String shortSha(String sha) {
        return sha == null ? "" : sha.length() > 10 ? sha.substring(0, 10) : sha;
    }

    private static String plain(double value, int digits) {
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
