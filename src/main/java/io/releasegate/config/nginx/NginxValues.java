package io.releasegate.config.nginx;

import java.util.OptionalLong;

/** nginx's number and time syntax: {@code ngx_atoi()} and {@code ngx_parse_time(s, 1)} (seconds). */
final class NginxValues {
    private static final String UNITS = "yMwdhms";
    private static final long[] SCALES = {365L * 24 * 3600, 30L * 24 * 3600, 7L * 24 * 3600, 24L * 3600, 3600L, 60L,
        1L};

    private NginxValues() {
    }

    /** Non-negative decimal digits only, no sign, no overflow; empty when nginx's {@code ngx_atoi} fails. */
    static OptionalLong atoi(String text) {
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return OptionalLong.empty();
            }
            try {
                value = Math.addExact(Math.multiplyExact(value, 10), ch - '0');
            } catch (ArithmeticException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(value);
    }

    /**
     * A time in seconds: numbers with units {@code y M w d h m s} in that order, each at most once, optionally
     * separated by spaces, a bare number meaning seconds; {@code ms} is not allowed (as for {@code fail_timeout}).
     */
    static OptionalLong seconds(String text) {
        long total = 0;
        long value = 0;
        boolean valid = false;
        int step = -1;
        int i = 0;
        try {
            while (i < text.length()) {
                char ch = text.charAt(i++);
                if (ch >= '0' && ch <= '9') {
                    value = Math.addExact(Math.multiplyExact(value, 10), ch - '0');
                    valid = true;
                    continue;
                }
                int unit = UNITS.indexOf(ch);
                if (ch == 'm' && i < text.length() && text.charAt(i) == 's') {
                    return OptionalLong.empty();
                }
                if (ch == ' ') {
                    if (step >= UNITS.length() - 1) {
                        return OptionalLong.empty();
                    }
                    step = UNITS.length();
                    total = Math.addExact(total, value);
                } else if (unit < 0 || unit <= step) {
                    return OptionalLong.empty();
                } else {
                    step = unit;
                    total = Math.addExact(total, Math.multiplyExact(value, SCALES[unit]));
                }
                value = 0;
                while (i < text.length() && text.charAt(i) == ' ') {
                    i++;
                }
            }
            return valid ? OptionalLong.of(Math.addExact(total, value)) : OptionalLong.empty();
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }
}
