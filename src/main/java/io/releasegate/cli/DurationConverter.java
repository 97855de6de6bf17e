package io.releasegate.cli;

import io.releasegate.policy.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads option durations as {@link Durations} does: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, ISO-8601. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
