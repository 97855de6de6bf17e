package io.releasegate.report;

import io.releasegate.log.Redaction;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report for people: one line per backend, then the verdict and the reasons in words. */
public final class VerificationText {
    private VerificationText() {
    }

    public static String render(VerificationResult result) {
        StringBuilder out = new StringBuilder();
        out.append("pool ").append(result.pool()).append(" through ").append(result.target()).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVER", "EXPECTED", "OBSERVED", "SHARE", "HEALTH", "DRIFT"});
        long n = Math.max(1, result.tally().identified() + result.tally().unexpected().values().stream()
                .mapToLong(Long::longValue).sum());
        for (Map.Entry<String, Double> entry : result.expected().entrySet()) {
            long count = result.observed().getOrDefault(entry.getKey(), 0L);
            rows.add(new String[] {entry.getKey(), Words.percent(entry.getValue()), Long.toString(count),
                Words.percent(count / (double) n), status(result.health(), entry.getKey()),
                status(result.drift(), entry.getKey())});
        }
        result.tally().unexpected().forEach((backend, count) -> rows.add(new String[] {backend, "not declared",
            Long.toString(count), Words.percent(count / (double) n), status(result.health(), backend),
            status(result.drift(), backend)}));
        table(out, rows);
        out.append(result.verdict()).append(": ").append(result.requests()).append(' ')
                .append(Words.plural(result.requests(), "request")).append(", ")
                .append(result.errors()).append(' ').append(Words.plural(result.errors(), "error")).append(", ")
                .append(result.durationMs()).append(" ms");
        if (!result.tally().stopReason().isEmpty()) {
            out.append(" (stopped early: ").append(result.tally().stopReason()).append(')');
        }
        out.append('\n');
        for (String reason : result.reasons()) {
            out.append("  - ").append(reason).append('\n');
        }
        return Redaction.text(out.toString());
    }

    private static String status(List<CheckResult> checks, String server) {
        return checks.stream().filter(c -> c.subject().equals(server)).map(c -> c.status().name())
                .reduce((a, b) -> a.equals("FAIL") || b.equals("FAIL") ? "FAIL" : a).orElse("-");
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, i < 2 ? "%-" + widths[i] + "s  " : "%" + widths[i] + "s  ",
                        row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
