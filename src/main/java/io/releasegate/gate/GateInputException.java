package io.releasegate.gate;

/** Bad input to a gate run (repository, revision, policy, verify or escalation section): exit code 2. */
public final class GateInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public GateInputException(String message, Throwable cause) {
        super(message, cause);
    }

    public GateInputException(String message) {
        super(message);
    }
}
