package io.releasegate.report;

import io.releasegate.gate.GateRun;
import io.releasegate.log.TimedStep;
import io.releasegate.policy.AssessedChange;
import io.releasegate.paging.Attempt;
import io.releasegate.paging.PageResult;
import io.releasegate.signoff.SignOffDecision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The final report of {@code release-gate run} as one self-contained HTML page: outcome, the diff, the sign-off, the
 * verification charts (the verify report's SVG), the rollback, the pages with every attempt, and the timeline as a
 * table and an SVG bar chart. No scripts, no external resources; every text escaped.
 */
public final class GateRunHtml {
    private static final int TIMELINE_WIDTH = 560;
    private static final int LABEL_WIDTH = 120;

    private GateRunHtml() {
    }

    public static String toHtml(GateRun run) {
        return toHtml(run, "release-gate run " + run.gate(), "");
    }

    /** The page with another title and a section of already escaped HTML before the run (the drill's). */
    static String toHtml(GateRun run, String title, String preamble) {
        StringBuilder html = head(title).append(preamble);
        if (run == null) {
            return html.append("</body></html>\n").toString();
        }
        return run(html, run);
    }

    /** The document up to and including {@code <body>}, with the reports' style. */
    static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>").append(Xml.escape(title)).append("</title><style>"
                + "body{font-family:sans-serif;margin:2em;color:#222;max-width:70em}table{border-collapse:collapse;"
                + "margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
                + "pre{background:#f6f8fa;padding:8px;overflow:auto}"
                + ".PASS,.OK,.RELEASED{color:#1a7f37}.FAIL,.FAILED,.NOT_STARTED,.UNRECOVERED,.BLOCKED{color:#cf222e;"
                + "font-weight:bold}.ERROR,.INCONCLUSIVE,.ROLLED_BACK{color:#9a6700;font-weight:bold}.SKIPPED,"
                + ".NO_DATA{color:#57606a}h1 span{font-size:80%}</style></head><body>\n");
    }

    private static String run(StringBuilder html, GateRun run) {
        html.append("<h1>release-gate run ").append(Xml.escape(run.gate())).append(": <span class=\"")
                .append(run.outcome()).append("\">").append(run.outcome()).append("</span> (exit ")
                .append(run.exitCode()).append(")</h1>\n<p>").append(Xml.escape(run.reason())).append("</p>\n<p>Pool ")
                .append(Xml.escape(run.pool())).append(", started ").append(run.started()).append(", ")
                .append(run.durationMs()).append(" ms</p>\n");
        timeline(html, run);
        change(html, run);
        signOff(html, run.signOff());
        if (run.deploy() != null) {
            html.append("<h2>Deploy: <span class=\"").append(run.deploy().succeeded() ? "OK\">OK" : "FAILED\">FAILED")
                    .append("</span></h2>\n<p>").append(Xml.escape(run.deploy().action())).append(": ")
                    .append(Xml.escape(run.deploy().reason())).append("</p>\n");
            output(html, run.deploy().output());
        }
        if (run.verification() != null) {
            html.append("<h2>Verification after the deploy</h2>\n");
            VerificationHtml.section(html, run.verification());
        }
        if (run.rollback() != null) {
            html.append("<h2>Rollback: <span class=\"")
                    .append(run.rollback().outcome()).append("\">").append(run.rollback().outcome())
                    .append("</span></h2>\n<p>")
                    .append(Xml.escape(run.rollback().action())).append(": ")
                    .append(Xml.escape(run.rollback().reason()))
                    .append("</p>\n");
            output(html, run.rollback().output());
        }
        if (run.reverification() != null) {
            html.append("<h2>Verification after the rollback</h2>\n");
            VerificationHtml.section(html, run.reverification());
        }
        pages(html, run);
        return html.append("</body></html>\n").toString();
    }

    public static void write(GateRun run, Path file) throws IOException {
        ReportFiles.write(file, toHtml(run));
    }

    private static void change(StringBuilder html, GateRun run) {
        html.append("<h2>Change: risk <span class=\"").append(run.change().risk().name().equals("NONE") ? "OK" : "FAIL")
                .append("\">").append(run.change().risk()).append("</span></h2>\n<p>")
                .append(Xml.escape(run.change().diff().base())).append(" .. ")
                .append(Xml.escape(run.change().diff().head()))
                .append("<br>digest ").append(Xml.escape(run.change().digest())).append("</p>\n<table><tr><th>Risk</th>"
                        + "<th>Kind</th><th>Where</th><th>What</th></tr>\n");
        for (AssessedChange change : run.change().changes()) {
            html.append("<tr><td>").append(change.risk()).append("</td><td>").append(change.change().kind())
                    .append("</td><td>").append(Xml.escape(change.change().file()))
                    .append(change.change().line() > 0 ? ":" + change.change().line() : "").append("</td><td>")
                    .append(Xml.escape(change.change().message())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void signOff(StringBuilder html, SignOffDecision signOff) {
        html.append("<h2>Sign-off</h2>\n");
        if (signOff == null) {
            html.append("<p>Not required.</p>\n");
            return;
        }
        html.append("<p class=\"").append(signOff.isReleased() ? "OK" : "FAILED").append("\">")
                .append(Xml.escape(signOff.summary())).append("</p>\n");
        html.append("<p class=\"").append(signOff.trust().verified() ? "OK" : "FAILED").append("\">")
                .append(Xml.escape(signOff.trust().summary())).append("</p>\n<ul>\n");
        signOff.counted().forEach(approval -> html.append("<li>approved by ").append(Xml.escape(approval.reviewer()))
                .append(approval.comment().isBlank() ? "" : " (" + Xml.escape(approval.comment()) + ")")
                .append("</li>\n"));
        signOff.reasons().forEach(reason -> html.append("<li>").append(Xml.escape(reason)).append("</li>\n"));
        html.append("</ul>\n");
    }

    private static void pages(StringBuilder html, GateRun run) {
        if (run.pages().isEmpty()) {
            return;
        }
        html.append("<h2>Pages</h2>\n<table><tr><th>Action</th><th>Severity</th><th>Dedup key</th><th>Summary</th>"
                + "<th>Outcome</th><th>Attempts</th></tr>\n");
        for (PageResult page : run.pages()) {
            html.append("<tr><td>").append(page.page().action().wire()).append("</td><td>")
                    .append(page.page().severity().wire()).append("</td><td>")
                    .append(Xml.escape(page.page().dedupKey()))
                    .append("</td><td>").append(Xml.escape(page.page().summary())).append("</td><td class=\"")
                    .append(page.delivered() ? "OK" : "FAILED").append("\">").append(Xml.escape(page.reason()))
                    .append("</td><td>");
            for (Attempt attempt : page.attempts()) {
                html.append(Xml.escape(attempt.describe())).append("<br>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void timeline(StringBuilder html, GateRun run) {
        html.append("<h2>Timeline</h2>\n");
        steps(html, run.timeline(), run.durationMs());
        if (run.reaction() != null) {
            html.append("<p>").append(Xml.escape(run.reaction().describe())).append(".</p>\n");
        }
    }

    static void steps(StringBuilder html, java.util.List<TimedStep> steps, long durationMs) {
        long total = Math.max(1, durationMs);
        int height = steps.size() * 22 + 10;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
                .append(LABEL_WIDTH + TIMELINE_WIDTH + 90).append("\" height=\"").append(height)
                .append("\"><title>Steps of the run over time</title>\n");
        int y = 5;
        for (TimedStep step : steps) {
            double x = LABEL_WIDTH + step.startMs() * (double) TIMELINE_WIDTH / total;
            double width = Math.max(2, step.durationMs() * (double) TIMELINE_WIDTH / total);
            String color = switch (step.status()) {
                case OK -> "#1a7f37";
                case FAILED -> "#cf222e";
                default -> "#8c959f";
            };
            html.append("<text x=\"0\" y=\"").append(y + 13).append("\" font-size=\"12\">")
                    .append(Xml.escape(step.name())).append("</text><rect x=\"").append(fmt(x)).append("\" y=\"")
                    .append(y).append("\" width=\"").append(fmt(width)).append("\" height=\"16\" fill=\"")
                    .append(color).append("\"><title>").append(Xml.escape(step.name() + " " + step.status() + " "
                            + step.durationMs() + " ms")).append("</title></rect><text x=\"").append(fmt(x + width + 4))
                    .append("\" y=\"").append(y + 13).append("\" font-size=\"11\">").append(step.durationMs())
                    .append(" ms</text>\n");
            y += 22;
        }
        html.append("</svg>\n<table><tr><th>Start</th><th>Duration</th><th>Step</th><th>Status</th><th>Detail</th>"
                + "</tr>\n");
        for (TimedStep step : steps) {
            html.append("<tr><td>+").append(step.startMs()).append(" ms</td><td>").append(step.durationMs())
                    .append(" ms</td><td>").append(Xml.escape(step.name())).append("</td><td class=\"")
                    .append(step.status()).append("\">").append(step.status()).append("</td><td>")
                    .append(Xml.escape(step.detail())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void output(StringBuilder html, String output) {
        if (!output.isBlank()) {
            html.append("<pre>").append(Xml.escape(output)).append("</pre>\n");
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
