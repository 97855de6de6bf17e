package io.releasegate.cli;

/** The exit codes every command shares. */
public final class ExitCodes {
    /** Nothing needs review / verification passed / released and verified. */
    public static final int OK = 0;
    /** Review required, verification failed, or the gate blocked or rolled back. */
    public static final int FAIL = 1;
    /** Bad input: unreadable file, unknown revision, invalid option. */
    public static final int BAD_INPUT = 2;
    /** Failed and could not recover or page. */
    public static final int UNRECOVERED = 3;

    private ExitCodes() {
    }
}
