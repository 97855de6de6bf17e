package io.releasegate.report;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.Words;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page: an inline SVG bar chart of expected against observed share per backend, the checks and
 * the reasons. No scripts, no external styles, fonts or images; every text escaped.
 */
public final class VerificationHtml {
    private static final int BAR_HEIGHT = 14;
    private static final int ROW_HEIGHT = 44;
    private static final int LABEL_WIDTH = 170;
    private static final int CHART_WIDTH = 420;

    private VerificationHtml() {
    }

    public static String toHtml(List<VerificationResult> results) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>release-gate verify</title><style>"
                + "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
                + ".PASS{color:#1a7f37}.FAIL{color:#cf222e;font-weight:bold}.ERROR,.INCONCLUSIVE{color:#9a6700;font-weight:bold}"
                + ".NO_DATA{color:#57606a}</style></head><body>\n");
        for (VerificationResult result : results) {
            section(html, result);
        }
        return html.append("</body></html>\n").toString();
    }

    public static void write(List<VerificationResult> results, Path file) throws IOException {
        ReportFiles.write(file, toHtml(results));
    }

    static void section(StringBuilder html, VerificationResult result) {
        html.append("<h1>Pool ").append(Xml.escape(result.pool())).append(": <span class=\"")
                .append(result.verdict()).append("\">").append(result.verdict()).append("</span></h1>\n<p>")
                .append(result.requests()).append(" requests through ").append(Xml.escape(result.target()))
                .append(", ").append(result.errors()).append(" errors, ").append(result.durationMs())
                .append(" ms</p>\n<ul>\n");
        for (String reason : result.reasons()) {
            html.append("<li>").append(Xml.escape(reason)).append("</li>\n");
        }
        html.append("</ul>\n");
        chart(html, result);
        html.append("<table><tr><th>Check</th><th>Subject</th><th>Status</th><th>Reason</th></tr>\n");
        for (CheckResult check : result.checks()) {
            html.append("<tr><td>").append(Xml.escape(check.check())).append("</td><td>")
                    .append(Xml.escape(check.subject())).append("</td><td class=\"").append(check.status())
                    .append("\">").append(check.status()).append("</td><td>").append(Xml.escape(check.reason()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void chart(StringBuilder html, VerificationResult result) {
        Map<String, double[]> rows = new LinkedHashMap<>();
        long n = Math.max(1, result.tally().identified() + result.tally().unexpected().values().stream()
                .mapToLong(Long::longValue).sum());
        result.expected().forEach((server, share) -> rows.put(server,
                new double[] {share, result.observed().getOrDefault(server, 0L) / (double) n}));
        result.tally().unexpected().forEach((server, count) -> rows.put(server, new double[] {0, count / (double) n}));
        int height = rows.size() * ROW_HEIGHT + 30;
        int width = LABEL_WIDTH + CHART_WIDTH + 80;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\"><title>Expected and observed share per backend</title>\n");
        int y = 10;
        for (Map.Entry<String, double[]> row : rows.entrySet()) {
            html.append("<text x=\"0\" y=\"").append(y + BAR_HEIGHT).append("\" font-size=\"13\">")
                    .append(Xml.escape(row.getKey())).append("</text>\n");
            bar(html, y, row.getValue()[0], "#8c959f", "expected");
            bar(html, y + BAR_HEIGHT + 2, row.getValue()[1], "#0969da", "observed");
            y += ROW_HEIGHT;
        }
        html.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"12\" height=\"10\" "
                + "fill=\"#8c959f\"/><text x=\"").append(LABEL_WIDTH + 16).append("\" y=\"").append(y + 10)
                .append("\" font-size=\"12\">expected</text><rect x=\"").append(LABEL_WIDTH + 90).append("\" y=\"")
                .append(y).append("\" width=\"12\" height=\"10\" fill=\"#0969da\"/><text x=\"")
                .append(LABEL_WIDTH + 106).append("\" y=\"").append(y + 10)
                .append("\" font-size=\"12\">observed</text>\n</svg>\n");
    }

    private static void bar(StringBuilder html, int y, double share, String color, String label) {
        double length = Math.max(0, Math.min(1, share)) * CHART_WIDTH;
        html.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                .append(String.format(Locale.ROOT, "%.1f", length)).append("\" height=\"").append(BAR_HEIGHT)
                .append("\" fill=\"").append(color).append("\"><title>").append(label).append(' ')
                .append(Words.percent(share)).append("</title></rect><text x=\"")
                .append(String.format(Locale.ROOT, "%.1f", LABEL_WIDTH + length + 4)).append("\" y=\"")
                .append(y + BAR_HEIGHT - 3).append("\" font-size=\"11\">").append(Words.percent(share))
                .append("</text>\n");
    }
}
