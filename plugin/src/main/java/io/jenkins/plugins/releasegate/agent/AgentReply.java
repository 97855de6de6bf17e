package io.jenkins.plugins.releasegate.agent;

import io.releasegate.log.BufferedLog;
import io.releasegate.log.LogSink;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What an agent-side action sends back over the remoting channel: its typed, serializable result (or the bad-input
 * message that stopped it) and the engine's log lines, replayed into the build log on the controller.
 *
 * @param <T> the engine's result type ({@code VerificationResult}, {@code ChangeReport}, ...)
 */
public final class AgentReply<T extends Serializable> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final T result;
    private final String error;
    private final ArrayList<BufferedLog.Entry> log;

    private AgentReply(T result, String error, List<BufferedLog.Entry> log) {
        this.result = result;
        this.error = error;
        this.log = new ArrayList<>(log);
    }

    public static <T extends Serializable> AgentReply<T> of(T result, BufferedLog log) {
        return new AgentReply<>(result, null, log.entries());
    }

    /** The action refused its input; {@code error} says why. */
    public static <T extends Serializable> AgentReply<T> refused(String error, BufferedLog log) {
        return new AgentReply<>(null, error, log.entries());
    }

    /** Writes the agent's log lines to {@code sink}, in order, with their levels. */
    public void replay(LogSink sink) {
        for (BufferedLog.Entry entry : log) {
            switch (entry.level()) {
                case WARN -> sink.warn("%s", entry.message());
                case ERROR -> sink.error("%s", entry.message());
                default -> sink.info("%s", entry.message());
            }
        }
    }

    /**
     * The result.
     *
     * @throws IllegalArgumentException with the agent's message when it refused its input
     */
    public T result() {
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        return result;
    }

    public boolean refused() {
        return error != null;
    }

    /** Why the agent refused its input, or null. */
    public String error() {
        return error;
    }

    public List<BufferedLog.Entry> log() {
        return List.copyOf(log);
    }
}
