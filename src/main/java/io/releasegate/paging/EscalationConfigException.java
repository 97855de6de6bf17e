package io.releasegate.paging;

/**
 * The {@code escalation:} configuration is invalid. The message names the file (when read from one), the line
 * (when known) and the key, e.g. {@code .releasegate.yml:12: escalation.contacts.oncall-pd.routingKey: ...}.
 */
public final class EscalationConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final int line;

    public EscalationConfigException(String file, int line, String key, String reason) {
        super((file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ") + key + ": " + reason);
        this.key = key;
        this.line = line;
    }

    /** The dotted key of the offending value, e.g. {@code escalation.chain[1]}. */
    public String key() {
        return key;
    }

    /** The 1-based line in the file, 0 when unknown. */
    public int line() {
        return line;
    }
}
