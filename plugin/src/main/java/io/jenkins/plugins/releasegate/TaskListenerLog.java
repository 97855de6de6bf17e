package io.jenkins.plugins.releasegate;

import hudson.model.TaskListener;
import io.releasegate.log.LogSink;
import java.io.PrintStream;

/**
 * The engine's {@link LogSink} on the controller: every line goes to the build log, prefixed {@code Release Gate:}.
 * Agent-side work logs into a {@code BufferedLog} that is replayed here ({@code LogLines}).
 */
final class TaskListenerLog implements LogSink {
    private final PrintStream out;

    TaskListenerLog(TaskListener listener) {
        this.out = listener.getLogger();
    }

    @Override
    public void info(String format, Object... args) {
        out.println("Release Gate: " + String.format(format, args));
    }

    @Override
    public void warn(String format, Object... args) {
        out.println("Release Gate: warning: " + String.format(format, args));
    }

    @Override
    public void error(String format, Object... args) {
        out.println("Release Gate: error: " + String.format(format, args));
    }
}
