package io.releasegate.verify;

import java.time.Duration;
import java.util.Locale;

/** Numbers and durations in reasons, formatted the same way everywhere. */
public final class Words {
    private Words() {
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** Short and readable: 0.65, 1.2e-05, 16.0. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs != 0 && (abs < 0.001 || abs >= 1e6)) {
            return String.format(Locale.ROOT, "%.2g", value);
        }
        return String.format(Locale.ROOT, abs < 10 ? "%.3g" : "%.1f", value);
    }

    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0 || millis < 1000) {
            return millis + " ms";
        }
        return millis / 1000 + " s";
    }

    public static String plural(long count, String word) {
        return count == 1 ? word : word + "s";
    }
}
