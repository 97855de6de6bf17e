package io.releasegate.log;

import java.util.ArrayList;
import java.util.List;

/** A {@link LogSink} that keeps entries in memory, to be replayed later (analysis-model's FilteredLog pattern). */
public final class BufferedLog implements LogSink {
    /** One entry, already formatted. */
    public record Entry(Level level, String message) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Severity of an entry. */
    public enum Level { INFO, WARN, ERROR }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void info(String format, Object... args) {
        entries.add(new Entry(Level.INFO, String.format(format, args)));
    }

    @Override
    public synchronized void warn(String format, Object... args) {
        entries.add(new Entry(Level.WARN, String.format(format, args)));
    }

    @Override
    public synchronized void error(String format, Object... args) {
        entries.add(new Entry(Level.ERROR, String.format(format, args)));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Writes every entry to another sink, in order. */
    public synchronized void replay(LogSink target) {
        for (Entry entry : entries) {
            switch (entry.level()) {
                case INFO -> target.info("%s", entry.message());
                case WARN -> target.warn("%s", entry.message());
                default -> target.error("%s", entry.message());
            }
        }
    }
}
