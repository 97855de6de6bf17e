package io.releasegate.report;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.VerificationResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * JUnit XML for Jenkins' {@code junit} step: one test suite per pool, one test case per check. FAIL is a failure,
 * ERROR an error, NO_DATA skipped; INCONCLUSIVE is a failure of type {@code INCONCLUSIVE}, never a pass or a skip.
 */
public final class VerificationJunit {
    private VerificationJunit() {
    }

    public static String toXml(List<VerificationResult> results) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
                .append(Xml.escape("release-gate verify")).append("\">\n");
        for (VerificationResult result : results) {
            suite(xml, result);
        }
        return xml.append("</testsuites>\n").toString();
    }

    public static void write(List<VerificationResult> results, Path file) throws IOException {
        ReportFiles.write(file, toXml(results));
    }

    static void suite(StringBuilder xml, VerificationResult result) {
        List<CheckResult> checks = result.checks();
        long failures = checks.stream().filter(c -> c.status() == CheckStatus.FAIL
                || c.status() == CheckStatus.INCONCLUSIVE).count();
        long errors = checks.stream().filter(c -> c.status() == CheckStatus.ERROR).count();
        long skipped = checks.stream().filter(c -> c.status() == CheckStatus.NO_DATA).count();
        xml.append("  <testsuite name=\"").append(Xml.escape("verify." + result.pool())).append("\" tests=\"")
                .append(checks.size()).append("\" failures=\"").append(failures).append("\" errors=\"")
                .append(errors).append("\" skipped=\"").append(skipped).append("\" time=\"")
                .append(String.format(Locale.ROOT, "%.3f", result.durationMs() / 1000.0)).append("\">\n");
        for (CheckResult check : checks) {
            xml.append("    <testcase classname=\"").append(Xml.escape("verify." + result.pool() + "." + check.check()))
                    .append("\" name=\"").append(Xml.escape(check.subject())).append('"');
            String reason = Xml.escape(check.reason());
            switch (check.status()) {
                case FAIL -> xml.append(">\n      <failure message=\"").append(reason).append("\">").append(reason)
                        .append("</failure>\n    </testcase>\n");
                case ERROR -> xml.append(">\n      <error message=\"").append(reason).append("\">").append(reason)
                        .append("</error>\n    </testcase>\n");
                case INCONCLUSIVE -> xml.append(">\n      <failure type=\"INCONCLUSIVE\" message=\"").append(reason)
                        .append("\">").append(reason).append("</failure>\n    </testcase>\n");
                case NO_DATA -> xml.append(">\n      <skipped message=\"").append(reason)
                        .append("\"/>\n    </testcase>\n");
                default -> xml.append(">\n      <system-out>").append(reason)
                        .append("</system-out>\n    </testcase>\n");
            }
        }
        xml.append("  </testsuite>\n");
    }
}
