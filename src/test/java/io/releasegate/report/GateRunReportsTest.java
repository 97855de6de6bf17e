package io.releasegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasegate.gate.GateOutcome;
import io.releasegate.gate.GateRun;
import io.releasegate.recovery.RecoveryResult;
import io.releasegate.rollback.RollbackResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The final reports of release-gate run (JSON, HTML) and the recovery map the Jenkins steps return. */
class GateRunReportsTest {
    private final GateRun rolledBack = ReportFixtures.run(GateOutcome.ROLLED_BACK, ReportFixtures.recovered());

    @Test
    void shouldWriteTheDocumentedJsonKeysInOrder() throws Exception {
        // act
        JsonNode json = new ObjectMapper().readTree(GateRunJson.toJson(rolledBack));

        // assert
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("gate", "pool", "outcome", "exitCode", "reason", "started", "durationMs",
                "change", "signOff", "deploy", "verification", "rollback", "reverification", "pages", "recovery",
                "timeline");
        assertThat(json.get("exitCode").asInt()).isOne();
        assertThat(json.at("/rollback/outcome").asText()).isEqualTo("OK");
        assertThat(json.at("/rollback/rolledBack").asBoolean()).isTrue();
        assertThat(json.at("/verification/verdict").asText()).isEqualTo("FAIL");
        assertThat(json.at("/reverification/verdict").asText()).isEqualTo("PASS");
        assertThat(json.at("/pages/0/severity").asText()).isEqualTo("error");
        assertThat(json.at("/pages/1/action").asText()).isEqualTo("resolve");
        assertThat(json.at("/pages/0/attempts/0/statusCode").asInt()).isEqualTo(202);
        assertThat(json.at("/recovery/pageAcceptedMs").asLong()).isEqualTo(34);
        assertThat(json.at("/recovery/rollbackStartMs").asLong()).isEqualTo(35);
        assertThat(json.at("/timeline/1/status").asText()).isEqualTo("FAILED");
        assertThat(json.get("signOff").isNull()).isTrue();
    }

    @Test
    void shouldWriteNullForWhatDidNotRun() throws Exception {
        // act
        JsonNode json = new ObjectMapper().readTree(GateRunJson.toJson(ReportFixtures.run(GateOutcome.BLOCKED,
                null)));

        // assert
        for (String key : List.of("deploy", "verification", "rollback", "reverification", "recovery")) {
            assertThat(json.get(key).isNull()).as(key).isTrue();
        }
        assertThat(json.get("pages")).isEmpty();
    }

    @Test
    void shouldEscapeEveryTextAndShowTheRollbacksOutcomeInTheHtmlPage() {
        // act
        String html = GateRunHtml.toHtml(rolledBack);

        // assert
        assertThat(html).contains("<h2>Rollback: <span class=\"OK\">OK</span></h2>")
                .contains("<p>failure -&gt; page accepted 34 ms; failure -&gt; rollback start 35 ms (the rollback ran 22 ms).</p>")
                .contains("&lt;web-02&gt;").doesNotContain("<web-02>")
                .doesNotContain("<script", "src=");
    }

    @Test
    void shouldSayARollbackThatDidNotStartInTheHtmlPage() {
        // arrange
        RecoveryResult recovered = ReportFixtures.recovered();
        RecoveryResult notStarted = new RecoveryResult("web", RecoveryResult.Outcome.UNRECOVERED, "not started",
                recovered.verification(), RollbackResult.notStarted("command: ./rollback.sh", 1, "the rollback "
                        + "command could not be started: its working directory /w does not exist"), null,
                recovered.pages().subList(0, 1), recovered.reaction(), recovered.incidentKey(), List.of());

        // act
        String html = GateRunHtml.toHtml(ReportFixtures.run(GateOutcome.UNRECOVERED, notStarted));

        // assert
        assertThat(html).contains("<h2>Rollback: <span class=\"NOT_STARTED\">NOT_STARTED</span></h2>")
                .contains("its working directory /w does not exist");
    }

    @Test
    void shouldGiveAPipelinePlainValuesWithTheRollbacksOutcome() {
        // act
        Map<String, Object> map = RecoveryJson.toMap(ReportFixtures.recovered());

        // assert: the verification's fields at the top, then the recovery
        assertThat(map).containsEntry("verdict", "FAIL").containsEntry("outcome", "RECOVERED")
                .containsEntry("rolledBack", true).containsEntry("recovered", true)
                .containsEntry("incidentKey", "release-gate/shop/web/6cd751c6b8ba");
        assertThat(map.get("missing")).isEqualTo(List.of("web-02"));
        assertThat(map.get("rollback")).isInstanceOfSatisfying(Map.class, rollback -> assertThat(rollback)
                .containsEntry("outcome", "OK").containsEntry("exitCode", 0));
        assertThat(map.get("afterRollback")).isInstanceOfSatisfying(Map.class, after -> assertThat(after)
                .containsEntry("verdict", "PASS"));
        assertThat((List<?>) map.get("pages")).hasSize(2);
        assertThat(map.get("summary")).isEqualTo("verification of web FAIL; rolled back, and the pool verifies again"
                + " (web-02 got none of 12 responses through the load balancer; the observed shares cannot fit the "
                + "declared weights)");
        assertPlain(map);
    }

    /** Only what a sandboxed Pipeline and XStream can take: maps, lists, strings, numbers, booleans, null. */
    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(GateRunReportsTest::assertPlain);
        } else if (value instanceof List<?> list) {
            list.forEach(GateRunReportsTest::assertPlain);
        } else {
            assertThat(value == null || value instanceof String || value instanceof Number
                    || value instanceof Boolean).as(String.valueOf(value)).isTrue();
        }
    }
}
