package io.releasegate.diff;

import io.releasegate.config.PrintableText;
import java.io.Serializable;
import java.util.Objects;

/**
 * One semantic change, with the sentence a reviewer reads.
 *
 * @param kind    what it does
 * @param file    repository-relative file at the head revision (at the base revision for removals)
 * @param line    1-based line of the changed definition in {@code file}, or 0
 * @param pool    pool name, or empty for file-level changes
 * @param server  server name, or empty
 * @param before  the value before, in words (empty when not applicable)
 * @param after   the value after, in words (empty when not applicable)
 * @param message one sentence a reviewer can read, on one line (unprintable characters shown escaped)
 * @param plannedUnder for a server removed or disabled within a hold that the base revision already had (an
 *                approved hold): that hold in words ({@code web/web-02 until 2026-12-03T18:00:00Z, hold by alice: load
 *                test}); empty otherwise. The policy's {@code holds.plannedRisk} may rate such a change lower.
 */
public record Change(ChangeKind kind, String file, int line, String pool, String server, String before,
        String after, String message, String plannedUnder) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Change {
        Objects.requireNonNull(kind, "kind");
        file = file == null ? "" : file;
        pool = pool == null ? "" : pool;
        server = server == null ? "" : server;
        before = before == null ? "" : before;
        after = after == null ? "" : after;
        // one line whatever a name or value in it holds: a change cannot print a line of its own choosing
        message = PrintableText.shown(Objects.requireNonNull(message, "message"));
        plannedUnder = plannedUnder == null ? "" : plannedUnder;
    }

    /** A change that is not planned under an approved hold. */
    public Change(ChangeKind kind, String file, int line, String pool, String server, String before, String after,
            String message) {
        this(kind, file, line, pool, server, before, after, message, "");
    }

    /** Whether this change is planned under a hold the base revision already had. */
    public boolean planned() {
        return !plannedUnder.isEmpty();
    }
}
