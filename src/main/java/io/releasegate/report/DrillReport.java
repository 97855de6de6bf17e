package io.releasegate.report;

import io.releasegate.drill.DrillResult;
import io.releasegate.drill.PagerDutyEndpoint;
import io.releasegate.log.TimedStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The drill's output: the gate's report, the drill's timeline and whether the gate caught the incident. */
public final class DrillReport {
    private DrillReport() {
    }

    public static String text(DrillResult result) {
        StringBuilder out = new StringBuilder();
        if (result.run() != null) {
            out.append(GateRunText.render(result.run())).append('\n');
        }
        out.append("Drill timeline (").append(result.totalMs()).append(" ms in all):\n");
        for (TimedStep step : result.timeline()) {
            out.append(String.format(Locale.ROOT, "  %+7d ms %6d ms  %-7s %-19s %s%n", step.startMs(),
                    step.durationMs(), step.status(), step.name(), GateRunText.oneLine(step.detail())));
        }
        out.append("\nPagerDuty endpoint received:\n");
        for (PagerDutyEndpoint.Event event : result.events()) {
            out.append("  ").append(event.received()).append(' ').append(event.action())
                    .append(event.severity() == null || event.severity().isEmpty() ? "" : " " + event.severity())
                    .append(' ')
                    .append(event.dedupKey()).append(event.summary().isEmpty() ? "" : ": " + event.summary())
                    .append('\n');
        }
        out.append("\nWhat the drill checks (").append(result.scenario()).append("):\n");
        result.findings().forEach(finding -> out.append("  ").append(finding).append('\n'));
        out.append('\n').append(result.caught() ? "DRILL PASSED: " : "DRILL FAILED: ").append(result.headline())
                .append(" in ").append(result.totalMs()).append(" ms\n");
        return out.toString();
    }

    public static String json(DrillResult result, Path html) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("scenario", result.scenario());
        map.put("headline", result.headline());
        map.put("caught", result.caught());
        map.put("exitCode", result.exitCode());
        map.put("totalMs", result.totalMs());
        map.put("findings", result.findings());
        map.put("timeline", GateRunJson.timeline(result.timeline()));
        List<Object> events = new ArrayList<>();
        for (PagerDutyEndpoint.Event event : result.events()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("received", event.received().toString());
            entry.put("action", event.action());
            entry.put("dedupKey", event.dedupKey());
            entry.put("severity", event.severity());
            entry.put("summary", event.summary());
            events.add(entry);
        }
        map.put("pagerDutyEvents", events);
        map.put("endpoints", result.endpoints());
        map.put("workDir", result.workDir().toString());
        map.put("html", html == null ? null : html.toString());
        map.put("run", result.run() == null ? null : GateRunJson.toMap(result.run()));
        return Json.write(map);
    }

    public static void html(DrillResult result, Path file) throws IOException {
        StringBuilder preamble = new StringBuilder("<h1>release-gate drill ").append(Xml.escape(result.scenario()))
                .append(": <span class=\"").append(result.caught() ? "OK" : "FAILED").append("\">")
                .append(Xml.escape(result.headline())).append("</span></h1>\n<p>").append(result.totalMs())
                .append(" ms in all, on 127.0.0.1 only.</p>\n<ul>\n");
        result.findings().forEach(finding -> preamble.append("<li>").append(Xml.escape(finding)).append("</li>\n"));
        preamble.append("</ul>\n<h2>Drill timeline</h2>\n");
        GateRunHtml.steps(preamble, result.timeline(), result.totalMs());
        if (!result.events().isEmpty()) {
            preamble.append("<h2>PagerDuty endpoint received</h2>\n<ul>\n");
            for (PagerDutyEndpoint.Event event : result.events()) {
                preamble.append("<li>").append(Xml.escape(event.received() + " " + event.action() + " "
                        + event.dedupKey() + (event.summary().isEmpty() ? "" : ": " + event.summary())))
                        .append("</li>\n");
            }
            preamble.append("</ul>\n");
        }
        preamble.append("<hr>\n");
        ReportFiles.write(file, GateRunHtml.toHtml(result.run(), "release-gate drill", preamble.toString()));
    }
}
