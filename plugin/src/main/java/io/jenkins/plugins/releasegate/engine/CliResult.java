package io.jenkins.plugins.releasegate.engine;

import java.io.Serializable;

/**
 * What one engine command produced: its exit code, its standard output (JSON when asked for) and its standard error
 * (progress and the one-line error). Crosses the remoting channel from the agent, hence plain fields.
 */
public final class CliResult implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 0 OK, 1 FAIL, 2 bad input, 3 unrecovered: {@code io.releasegate.cli.ExitCodes}. */
    public static final int OK = 0;
    public static final int FAIL = 1;
    public static final int BAD_INPUT = 2;

    private final int exitCode;
    private final String out;
    private final String err;

    public CliResult(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out == null ? "" : out;
        this.err = err == null ? "" : err;
    }

    public int getExitCode() {
        return exitCode;
    }

    public String getOut() {
        return out;
    }

    public String getErr() {
        return err;
    }

    /**
     * The engine's one-line error: the last line of standard error starting with {@code release-gate:}, else the
     * first non-blank line (picocli's usage errors come first, followed by the usage text).
     */
    public String errorLine() {
        String[] lines = err.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("release-gate:")) {
                return lines[i].strip();
            }
        }
        for (String line : lines) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "exit code " + exitCode;
    }
}
