package io.releasegate.cli;

import io.releasegate.log.LogSink;
import java.io.PrintWriter;

/** Prints the engine's log to the command's error stream (progress and warnings, never the report itself). */
final class StderrLog implements LogSink {
    private final PrintWriter err;

    StderrLog(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void info(String format, Object... args) {
        print("", format, args);
    }

    @Override
    public void warn(String format, Object... args) {
        print("warning: ", format, args);
    }

    @Override
    public void error(String format, Object... args) {
        print("error: ", format, args);
    }

    private synchronized void print(String prefix, String format, Object... args) {
        err.println(prefix + String.format(format, args));
        err.flush();
    }
}
