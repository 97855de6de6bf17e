package io.releasegate.signoff;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The canonical text of one decision, which the reviewer's SSH key signs (namespace {@value #NAMESPACE}). UTF-8,
 * seven lines, each ending in a line feed, the fields in this order:
 * <pre>
 * release-gate approval v1
 * digest: sha256:0f3c...
 * reviewer: bob
 * email: bob@example.com
 * decision: approve
 * comment: web-02 is back in the pool
 * time: 2026-12-03T12:00:00Z
 * </pre>
 * {@code decision} is {@code approve} or {@code reject}; {@code time} is ISO-8601 in UTC
 * ({@link DateTimeFormatter#ISO_INSTANT}); {@code comment} may be empty. In every value a backslash is written
 * {@code \\}, a line feed {@code \n}, a carriage return {@code \r}, a tab {@code \t} and any other control character
 * {@code \}{@code uXXXX}, so that one text is one decision and no value can forge another line.
 */
public final class ApprovalStatement {
    /** The sshsig namespace of release-gate decisions ({@code ssh-keygen -Y sign -n release-gate}). */
    public static final String NAMESPACE = "release-gate";
    static final String HEADER = "release-gate approval v1";
    private static final List<String> KEYS = List.of("digest", "reviewer", "email", "decision", "comment", "time");

    private ApprovalStatement() {
    }

    /** The statement of {@code approval}; it needs an email (the principal its signature is checked for). */
    public static String text(Approval approval) {
        if (approval.email() == null) {
            throw new IllegalArgumentException("a signed decision needs the reviewer's email: its signature is"
                    + " checked for that principal in allowed_signers");
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        line(text, "digest", approval.digest());
        line(text, "reviewer", approval.reviewer());
        line(text, "email", approval.email());
        line(text, "decision", approval.decision().name().toLowerCase(Locale.ROOT));
        line(text, "comment", approval.comment());
        line(text, "time", DateTimeFormatter.ISO_INSTANT.format(approval.time()));
        return text.toString();
    }

    /** The bytes that are signed. */
    public static byte[] bytes(Approval approval) {
        return text(approval).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The unsigned decision a statement states; only the exact canonical text is accepted (what was signed is
     * what is stored).
     *
     * @throws IllegalArgumentException with the reason when {@code text} is not a canonical statement
     */
    public static Approval parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length != KEYS.size() + 2 || !lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not a release-gate statement: expected '" + HEADER + "' and the"
                    + " lines " + String.join(", ", KEYS) + ", each ending in a line feed");
        }
        String[] values = new String[KEYS.size()];
        for (int i = 0; i < KEYS.size(); i++) {
            String prefix = KEYS.get(i) + ": ";
            if (!lines[i + 1].startsWith(prefix)) {
                throw new IllegalArgumentException("line " + (i + 2) + " of the statement must start with '" + prefix
                        + "'");
            }
            values[i] = unescape(lines[i + 1].substring(prefix.length()));
            if (!values[i].equals(values[i].strip())) {
                throw new IllegalArgumentException(KEYS.get(i) + ": the value is not in canonical form (no blanks"
                        + " before or after it; print the statement with release-gate approve --print-statement)");
            }
        }
        Decision decision = "approve".equals(values[3]) ? Decision.APPROVE
                : "reject".equals(values[3]) ? Decision.REJECT : null;
        if (decision == null) {
            throw new IllegalArgumentException("decision: '" + values[3] + "' is neither approve nor reject");
        }
        Instant time;
        try {
            time = Instant.parse(values[5]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time: '" + values[5] + "' is not an ISO-8601 UTC time");
        }
        Approval approval = new Approval(values[1], Set.of(), decision, values[4], time, values[0], null, values[2]);
        if (!text(approval).equals(text)) {
            throw new IllegalArgumentException("the statement is not in canonical form (print it with"
                    + " release-gate approve --print-statement and sign that)");
        }
        return approval;
    }

    private static void line(StringBuilder text, String key, String value) {
        text.append(key).append(": ").append(escape(value)).append('\n');
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || c == 0x85) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 < value.length()) {
                        try {
                            out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                            i += 4;
                            continue;
                        } catch (NumberFormatException e) {
                            // not an escape: kept as written, and the canonical check refuses it
                        }
                    }
                    out.append('\\').append(next);
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
