package io.releasegate.policy;

/** A policy file that is missing or invalid; the message names the file, line and key. */
public class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
