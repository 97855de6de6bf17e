package io.releasegate.hold;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times and durations of holds as people read them. Holds are in UTC: an end on the same UTC day as the reference
 * time is {@code 18:00}, another day {@code 2026-12-04 18:00}; in files and JSON they are ISO-8601
 * ({@code 2026-12-03T18:00:00Z}).
 */
public final class HoldTimes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private HoldTimes() {
    }

    /** {@code 18:00} when {@code time} falls on the UTC day of {@code reference}, else {@code 2026-12-04 18:00}. */
    public static String clock(Instant time, Instant reference) {
        LocalDate day = time.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate referenceDay = reference.atZone(ZoneOffset.UTC).toLocalDate();
        return day.equals(referenceDay) ? TIME.format(time) : DAY_TIME.format(time);
    }

    /** {@code 2h}, {@code 1h 5m}, {@code 45s}, {@code 3d 2h}: at most the two largest units. */
    public static String duration(Duration duration) {
        long seconds = Math.abs(duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append('d');
            if (hours > 0) {
                text.append(' ').append(hours).append('h');
            }
        } else if (hours > 0) {
            text.append(hours).append('h');
            if (minutes > 0) {
                text.append(' ').append(minutes).append('m');
            }
        } else if (minutes > 0) {
            text.append(minutes).append('m');
            if (secs > 0) {
                text.append(' ').append(secs).append('s');
            }
        } else {
            text.append(secs).append('s');
        }
        return text.toString();
    }
}
