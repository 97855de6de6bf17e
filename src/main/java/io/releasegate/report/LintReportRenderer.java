package io.releasegate.report;

import io.releasegate.diff.DiffResult;
import io.releasegate.policy.LintFinding;
import io.releasegate.policy.LintReport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Text, Markdown and JSON renderings of a {@link LintReport}. */
public final class LintReportRenderer {
    private LintReportRenderer() {
    }

    public static String json(LintReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("revision", report.revision());
        json.put("risk", report.risk().name());
        json.put("reviewRequired", report.reviewRequired());
        json.put("files", report.files());
        json.put("pools", report.pools());
        json.put("findings", report.findings().stream().map(LintReportRenderer::finding).toList());
        json.put("errors", report.errors().stream().map(ChangeReportJson::error).toList());
        return Json.write(json);
    }

    private static Map<String, Object> finding(LintFinding finding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", finding.kind().name());
        json.put("risk", finding.risk().name());
        json.put("file", finding.file());
        json.put("line", finding.line());
        json.put("pool", finding.pool());
        json.put("server", finding.server());
        json.put("message", finding.message());
        return json;
    }

    public static String text(LintReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Release Gate lint ").append(ChangeReportText.shortSha(report.revision())).append(": ")
                .append(report.files().size()).append(" file(s), ")
                .append(report.pools() == 0 ? "no pools" : report.pools() + " pool(s)").append(", ")
                .append(report.findings().size())
                .append(" finding(s), risk ").append(report.risk()).append('\n');
        for (LintFinding finding : report.findings()) {
            out.append(String.format(Locale.ROOT, "  %-8s %-24s %s:%d  %s%n", finding.risk(), finding.kind(),
                    finding.file(), finding.line(), finding.message()));
        }
        for (DiffResult.ParseError error : report.errors()) {
            out.append("error: ").append(error.file()).append(':').append(error.line()).append(':')
                    .append(error.column()).append(' ').append(error.message()).append('\n');
        }
        return out.toString();
    }

    public static String markdown(LintReport report) {
        StringBuilder out = new StringBuilder("### Release Gate lint: risk **").append(report.risk()).append("**\n\n");
        if (report.findings().isEmpty() && report.errors().isEmpty()) {
            return out.append("No finding in ").append(report.files().size()).append(" file(s)")
                    .append(report.pools() == 0 ? " (no pools)" : "").append(".\n").toString();
        }
        out.append("| Risk | Finding | Where | What |\n|---|---|---|---|\n");
        for (LintFinding finding : report.findings()) {
            out.append("| ").append(finding.risk()).append(" | ").append(finding.kind()).append(" | `")
                    .append(ChangeReportText.cell(finding.file())).append(':').append(finding.line()).append("` | ")
                    .append(ChangeReportText.cell(finding.message())).append(" |\n");
        }
        for (DiffResult.ParseError error : report.errors()) {
            out.append("| CRITICAL | CONFIG_UNPARSEABLE | `").append(ChangeReportText.cell(error.file())).append(':')
                    .append(error.line()).append("` | ").append(ChangeReportText.cell(error.message())).append(" |\n");
        }
        return out.toString();
    }
}
