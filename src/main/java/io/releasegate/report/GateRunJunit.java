package io.releasegate.report;

import io.releasegate.gate.GateRun;
import io.releasegate.log.TimedStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The final report of {@code release-gate run} as JUnit XML: a suite {@code gate.<name>} with one test case per
 * timeline step (failed steps fail, skipped steps are skipped), then the verification suites (one test case per check).
 */
public final class GateRunJunit {
    private GateRunJunit() {
    }

    public static String toXml(GateRun run) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
                .append(Xml.escape("release-gate run " + run.gate())).append("\">\n");
        long failures = run.timeline().stream().filter(s -> s.status() == TimedStep.Status.FAILED).count();
        long skipped = run.timeline().stream().filter(s -> s.status() == TimedStep.Status.SKIPPED).count();
        xml.append("  <testsuite name=\"").append(Xml.escape("gate." + run.gate())).append("\" tests=\"")
                .append(run.timeline().size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"")
                .append(seconds(run.durationMs())).append("\">\n");
        for (TimedStep step : run.timeline()) {
            String detail = Xml.escape(step.detail());
            xml.append("    <testcase classname=\"").append(Xml.escape("gate." + run.gate())).append("\" name=\"")
                    .append(Xml.escape(step.name())).append("\" time=\"").append(seconds(step.durationMs()))
                    .append("\">\n");
            switch (step.status()) {
                case FAILED -> xml.append("      <failure message=\"").append(detail).append("\">").append(detail)
                        .append("</failure>\n");
                case SKIPPED -> xml.append("      <skipped message=\"").append(detail).append("\"/>\n");
                default -> xml.append("      <system-out>").append(detail).append("</system-out>\n");
            }
            xml.append("    </testcase>\n");
        }
        xml.append("  </testsuite>\n");
        if (run.verification() != null) {
            VerificationJunit.suite(xml, run.verification());
        }
        if (run.reverification() != null) {
            VerificationJunit.suite(xml, run.reverification());
        }
        return xml.append("</testsuites>\n").toString();
    }

    public static void write(GateRun run, Path file) throws IOException {
        ReportFiles.write(file, toXml(run));
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }
}
