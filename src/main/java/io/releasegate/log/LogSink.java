package io.releasegate.log;

/**
 * Where the engine writes what it does, as data. The CLI prints it to stderr; the Jenkins plugin replays it into
 * the build log. Messages never contain secrets.
 */
public interface LogSink {
    void info(String format, Object... args);

    void warn(String format, Object... args);

    void error(String format, Object... args);

    /** A sink that drops everything. */
    LogSink NONE = new LogSink() {
        @Override
        public void info(String format, Object... args) {
            // dropped
        }

        @Override
        public void warn(String format, Object... args) {
            // dropped
        }

        @Override
        public void error(String format, Object... args) {
            // dropped
        }
    };
}
