package io.releasegate.cli;

import io.releasegate.log.LogSink;
import io.releasegate.log.Redaction;
import java.io.PrintWriter;

/**
 * Prints the engine's log to stderr: warnings and errors always, progress with {@code --verbose}; the user information
 * of any URL in a line is redacted.
 */
final class StderrLog implements LogSink {
    private final PrintWriter err;
    private final boolean verbose;

    StderrLog(PrintWriter err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void info(String format, Object... args) {
        if (verbose) {
            err.println("release-gate: " + Redaction.text(String.format(format, args)));
            err.flush();
        }
    }

    @Override
    public void warn(String format, Object... args) {
        err.println("release-gate: warning: " + Redaction.text(String.format(format, args)));
        err.flush();
    }

    @Override
    public void error(String format, Object... args) {
        err.println("release-gate: error: " + Redaction.text(String.format(format, args)));
        err.flush();
    }
}
