package io.jenkins.plugins.releasegate.port;

import hudson.model.TaskListener;
import io.releasegate.log.LogSink;
import java.io.PrintStream;

/**
 * The recovery's log in Jenkins: every line goes to the build log, prefixed {@code Release Gate:}. Agent-side work
 * logs into a {@code BufferedLog} whose lines come back with its reply and are replayed here.
 */
public final class TaskListenerLog implements LogSink {
    private final PrintStream out;

    public TaskListenerLog(TaskListener listener) {
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
