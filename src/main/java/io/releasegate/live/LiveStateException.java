package io.releasegate.live;

/**
 * The live state could not be read or changed: socket or stats page unreachable, output not understood, or a
 * command refused. The message is one sentence in words, fit for a report (no stack trace needed).
 */
public class LiveStateException extends Exception {
    private static final long serialVersionUID = 1L;

    public LiveStateException(String message) {
        super(message);
    }

    public LiveStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
