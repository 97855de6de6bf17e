package io.releasegate.signoff.sshsig;

/** A key or signature that cannot be used, with the reason in words (no stack trace is ever shown for it). */
public class SshSigException extends Exception {
    private static final long serialVersionUID = 1L;

    public SshSigException(String reason) {
        super(reason);
    }

    public SshSigException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
