package io.releasegate.report;

import io.releasegate.diff.Change;
import io.releasegate.diff.DiffResult;
import io.releasegate.log.Redaction;
import io.releasegate.policy.AssessedChange;
import io.releasegate.policy.ChangeReport;
import java.util.Locale;

/** Plain-text and Markdown renderings of a {@link ChangeReport}, for terminals, build logs and pull requests. */
public final class ChangeReportText {
    private ChangeReportText() {
    }

    /** One line of headline, then one line per change grouped by file, then the pools after the change. */
    public static String text(ChangeReport report) {
        DiffResult diff = report.diff();
        StringBuilder out = new StringBuilder();
        out.append("Release Gate diff ").append(shortSha(diff.base())).append("..").append(shortSha(diff.head()))
                .append(": risk ").append(report.risk()).append(", ").append(headline(report)).append('\n');
        out.append("digest ").append(report.digest()).append('\n');
        if (report.changes().isEmpty()) {
            out.append("No semantic change to load-balancer configuration.\n");
        }
        String file = null;
        for (AssessedChange assessed : report.changes()) {
            Change change = assessed.change();
            if (!change.file().equals(file)) {
                file = change.file();
                out.append('\n').append(file).append('\n');
            }
            out.append(String.format(Locale.ROOT, "  %-8s %-24s %5s  %s%n", assessed.risk(), change.kind(),
                    change.line() > 0 ? "L" + change.line() : "", change.message()));
        }
        if (!diff.pools().isEmpty()) {
            out.append("\nPools after the change:\n");
            for (DiffResult.PoolSummary pool : diff.pools()) {
                out.append("  ").append(pool.name()).append(" (").append(pool.algorithm()).append("): active ")
                        .append(list(pool.activeServers())).append("; backup ").append(list(pool.backupServers()))
                        .append("; total weight ").append(pool.totalWeight()).append('\n');
            }
        }
        for (DiffResult.ParseError error : diff.errors()) {
            out.append("error: ").append(error.file()).append(':').append(error.line()).append(':')
                    .append(error.column()).append(" (").append(error.revision()).append(") ")
                    .append(error.message()).append('\n');
        }
        return Redaction.text(out.toString());
    }

    /** A Markdown summary with a table of changes, for a pull request comment or a Jenkins page. */
    public static String markdown(ChangeReport report) {
        DiffResult diff = report.diff();
        StringBuilder out = new StringBuilder();
        out.append("### Release Gate: risk **").append(report.risk()).append("**, ").append(headline(report))
                .append("\n\n");
        out.append("`").append(shortSha(diff.base())).append("..").append(shortSha(diff.head())).append("` digest `")
                .append(report.digest()).append("`\n\n");
        if (report.changes().isEmpty()) {
            out.append("No semantic change to load-balancer configuration.\n");
        } else {
            out.append("| Risk | Change | Where | What |\n|---|---|---|---|\n");
            for (AssessedChange assessed : report.changes()) {
                Change change = assessed.change();
                out.append("| ").append(assessed.risk()).append(" | ").append(change.kind()).append(" | `")
                        .append(cell(change.file())).append(change.line() > 0 ? ":" + change.line() : "")
                        .append("` | ").append(cell(change.message())).append(" |\n");
            }
        }
        if (!diff.pools().isEmpty()) {
            out.append("\n| Pool | Algorithm | Active | Backup | Total weight |\n|---|---|---|---|---|\n");
            for (DiffResult.PoolSummary pool : diff.pools()) {
                out.append("| ").append(cell(pool.name())).append(" | ").append(cell(pool.algorithm())).append(" | ")
                        .append(cell(list(pool.activeServers()))).append(" | ")
                        .append(cell(list(pool.backupServers()))).append(" | ").append(pool.totalWeight())
                        .append(" |\n");
            }
        }
        for (DiffResult.ParseError error : diff.errors()) {
            out.append("\n> **error** `").append(cell(error.file())).append(':').append(error.line()).append("` (")
                    .append(error.revision()).append(") ").append(cell(error.message())).append('\n');
        }
        return Redaction.text(out.toString());
    }

    /**
     * The change in one sentence, for a build log line, a build's summary and a notification: {@code CRITICAL risk,
     * 3 changes, review required (2 approvals): Server web-02 removed from pool web. Pool web loses 50% of its
     * capacity. (1 more)} (at most three messages).
     */
    public static String summary(ChangeReport report) {
        int count = report.changes().size();
        StringBuilder text = new StringBuilder(report.risk().name()).append(" risk, ").append(count)
                .append(count == 1 ? " change, " : " changes, ").append(headline(report));
        int shown = 0;
        for (AssessedChange assessed : report.changes()) {
            if (shown == 3) {
                break;
            }
            String message = assessed.change().message().strip();
            if (message.isEmpty()) {
                continue;
            }
            text.append(shown == 0 ? ": " : " ").append(message).append(message.endsWith(".") ? "" : ".");
            shown++;
        }
        if (count > shown && shown > 0) {
            text.append(" (").append(count - shown).append(" more)");
        }
        return text.toString();
    }

    private static String headline(ChangeReport report) {
        if (!report.reviewRequired()) {
            return "no review required";
        }
        return "review required (" + report.requiredApprovals() + " approval"
                + (report.requiredApprovals() == 1 ? "" : "s") + ")";
    }

    private static String list(java.util.List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** Text for a Markdown table cell: no {@code |} that would end the cell, no line break that would end the row. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    static String shortSha(String sha) {
        return sha.length() > 10 ? sha.substring(0, 10) : sha;
    }
}
