package io.releasegate.recovery;

import io.releasegate.policy.AssessedChange;
import io.releasegate.policy.ChangeReport;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a page says about the change that was deployed: the revisions, the digest, the risk and one line per change.
 *
 * @param base    the base revision (what ran before)
 * @param head    the head revision (what was deployed)
 * @param digest  the change digest the sign-off was pinned to
 * @param risk    the change's risk
 * @param changes one line per change: {@code RISK KIND: message}
 */
public record ChangeFacts(String base, String head, String digest, String risk, List<String> changes)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ChangeFacts {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(digest, "digest");
        risk = risk == null ? "" : risk;
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static ChangeFacts of(ChangeReport report) {
        List<String> lines = new ArrayList<>();
        for (AssessedChange assessed : report.changes()) {
            lines.add(assessed.risk() + " " + assessed.change().kind() + ": " + assessed.change().message());
        }
        return new ChangeFacts(report.diff().base(), report.diff().head(), report.digest(), report.risk().name(),
                lines);
    }

    /** The head revision's first 10 characters. */
    public String shortHead() {
        return head.length() > 10 ? head.substring(0, 10) : head;
    }
}
