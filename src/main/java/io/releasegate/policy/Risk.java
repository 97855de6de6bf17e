package io.releasegate.policy;

import java.util.Locale;
import java.util.Optional;

/** How risky a change is, in increasing order. */
public enum Risk {
    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    public static Optional<Risk> fromName(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean atLeast(Risk other) {
        return compareTo(other) >= 0;
    }

    public static Risk max(Risk a, Risk b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
