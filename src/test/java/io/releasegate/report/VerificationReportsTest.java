package io.releasegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.Tally;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.Verdict;
import io.releasegate.verify.stats.GofResult;
import io.releasegate.verify.stats.SamplePlan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class VerificationReportsTest {
    private final VerificationResult result = result();

    @Test
    void shouldWriteExactlyTheDocumentedJsonFields() throws Exception {
        JsonNode json = new ObjectMapper().readTree(VerificationJson.toJson(result));

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("verdict", "requests", "errors", "observed", "expected", "test", "missing",
                "unexpected", "health", "drift", "reasons", "durationMs");
        List<String> testFields = new ArrayList<>();
        json.get("test").fieldNames().forEachRemaining(testFields::add);
        assertThat(testFields).containsExactly("name", "statistic", "pValue", "alpha");
        assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.get("observed").get("<web-03>").asLong()).isEqualTo(1);
        assertThat(json.get("missing").get(0).asText()).isEqualTo("web-02");
        assertThat(json.get("drift").get(0).get("status").asText()).isEqualTo("FAIL");
    }

    @Test
    void shouldWriteJunitXmlWithOneTestCasePerCheck() throws Exception {
        String xml = VerificationJunit.toXml(List.of(result));

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getElementsByTagName("testcase").getLength()).isEqualTo(result.checks().size());
        assertThat(document.getElementsByTagName("failure").getLength()).isEqualTo(3);
    }

    @Test
    void shouldEscapeEveryTextInTheHtmlPage() {
        String html = VerificationHtml.toHtml(List.of(result));

        assertThat(html).doesNotContain("<web-03>").contains("&lt;web-03&gt;").contains("<svg")
                .doesNotContain("<script", "src=", "href=");
    }

    @Test
    void shouldPrintOneLinePerBackendThenTheReasons() {
        String text = VerificationText.render(result);

        assertThat(text).containsPattern("web-01\\s+50.0 %\\s+11\\s+91.7 %\\s+PASS\\s+-")
                .containsPattern("web-02\\s+50.0 %\\s+0\\s+0.0 %\\s+-\\s+FAIL")
                .contains("FAIL: 12 requests, 0 errors").contains("  - web-02 is in MAINT");
    }

    @Test
    void shouldWriteFilesAtomicallyAndSerializeTheResult(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reports/verify.json");

        VerificationJson.write(result, file);
        new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(result);

        assertThat(Files.readString(file)).contains("\"verdict\" : \"FAIL\"");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void shouldNeverRenderAnInconclusiveRunAsAPassOrASkip() throws Exception {
        // arrange
        Map<String, Long> observed = new LinkedHashMap<>();
        observed.put("web-01", 3L);
        observed.put("web-02", 2L);
        Tally tally = new Tally(5, 0, observed, Map.of(), Map.of(), 0, 0, Map.of(), "", "");
        String stopped = "stopped by the 5 s deadline after 5 of 183 planned requests; 178 missing";
        VerificationResult cut = new VerificationResult("web", "http://127.0.0.1:8080/", Verdict.INCONCLUSIVE, tally,
                Map.of("web-01", 0.9, "web-02", 0.1), GofResult.notRun(GofResult.CHI_SQUARE, 0.0001),
                SamplePlan.of(new double[] {0.9, 0.1}, 0.001, true, true, 0),
                List.of(CheckResult.inconclusive("sample", "web", stopped), CheckResult.pass("missing", "web-01", "ok")),
                List.of(stopped), 4142);

        // act
        String xml = VerificationJunit.toXml(List.of(cut));
        String html = VerificationHtml.toHtml(List.of(cut));
        String text = VerificationText.render(cut);
        JsonNode json = new ObjectMapper().readTree(VerificationJson.toJson(cut));

        // assert
        assertThat(xml).contains("failures=\"1\" errors=\"0\" skipped=\"0\"")
                .contains("<failure type=\"INCONCLUSIVE\" message=\"" + stopped + "\">");
        assertThat(html).contains("<span class=\"INCONCLUSIVE\">INCONCLUSIVE</span>")
                .contains(".ERROR,.INCONCLUSIVE{color:#9a6700;font-weight:bold}");
        assertThat(text).contains("\nINCONCLUSIVE: 5 requests, 0 errors, 4142 ms\n  - " + stopped + "\n");
        assertThat(json.get("verdict").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(json.get("reasons").get(0).asText()).isEqualTo(stopped);
    }

    private static VerificationResult result() {
        Map<String, Long> observed = new LinkedHashMap<>();
        observed.put("web-01", 11L);
        observed.put("web-02", 0L);
        Tally tally = new Tally(12, 0, observed, Map.of(), Map.of("<web-03>", 1L), 0, 0, Map.of(), "", "unexpected");
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("web-01", 0.5);
        expected.put("web-02", 0.5);
        List<CheckResult> checks = List.of(
                CheckResult.fail("missing", "web-02", "web-02 got none of 11 responses"),
                CheckResult.fail("unexpected", "<web-03>", "1 response came from <web-03>"),
                CheckResult.pass("health", "web-01", "200"),
                CheckResult.fail("drift", "web-02", "web-02 is in MAINT"));
        return new VerificationResult("web", "http://127.0.0.1:8080/", Verdict.FAIL, tally, expected,
                new GofResult(GofResult.CHI_SQUARE, 9.1, 0.0025, 0.0001, 11, 2, false),
                SamplePlan.of(new double[] {0.5, 0.5}, 0.001, true, true, 0), checks,
                List.of("web-02 got none of 11 responses", "web-02 is in MAINT"), 42);
    }
}
