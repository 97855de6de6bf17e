package io.releasegate.config;

import io.releasegate.config.read.Parsers;

/**
 * A configuration file that cannot be read into the model. Always names the file, the 1-based line and
 * column, and says in plain words what is wrong. Parsers throw nothing else.
 */
public class ConfigParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public ConfigParseException(String file, int line, int column, String reason) {
        super(format(file, line, column, PrintableText.shown(reason)));
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = PrintableText.shown(reason);
    }

    private static String format(String file, int line, int column, String reason) {
        StringBuilder text = new StringBuilder(file == null ? "<unknown>" : file);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        return text.append(": ").append(reason).toString();
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the error is about the whole file. */
    /** {@code " (line 12)"}, or nothing for an error of the whole file (line 0): for sentences about the error. */
    public String atLine() {
        return line > 0 ? " (line " + line + ")" : "";
    }

    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the file and position prefix; what it quotes is shown escaped, on one line. */
    public String reason() {
        return reason;
    }
}
