package io.releasegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasegate.policy.ChangeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The change as JSON (the diff command, the Jenkins diff step) and in one sentence. */
class ChangeReportRenderingsTest {
    private final ChangeReport change = ReportFixtures.change();

    @Test
    void shouldWriteTheDocumentedKeysInOrder() throws Exception {
        // act
        JsonNode json = new ObjectMapper().readTree(ChangeReportJson.write(change));

        // assert
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("base", "head", "digest", "risk", "reviewRequired", "requiredApprovals",
                "reviewers", "approvalMaxAgeMinutes", "policy", "files", "changes", "pools", "authors", "errors");
        assertThat(json.get("digest").asText()).isEqualTo(change.digest()).startsWith("sha256:");
        assertThat(json.at("/changes/0/kind").asText()).isEqualTo("SERVER_REMOVED");
        assertThat(json.at("/changes/1/risk").asText()).isEqualTo("CRITICAL");
        assertThat(json.at("/files/0/format").asText()).isEqualTo("haproxy");
        assertThat(json.at("/pools/0/activeServers/0").asText()).isEqualTo("web-01");
        assertThat(json.at("/authors/0/email").asText()).isEqualTo("alice@example.com");
    }

    @Test
    void shouldGiveThePipelineAPlainMap() {
        // act
        Map<String, Object> map = ChangeReportJson.toMap(change);

        // assert
        assertThat(map).containsEntry("risk", "CRITICAL").containsEntry("requiredApprovals", 2)
                .containsEntry("reviewRequired", true).doesNotContainKey("patch");
        assertThat(map.get("changes")).isInstanceOf(List.class);
    }

    @Test
    void shouldSayTheChangeInOneSentence() {
        // act
        String summary = ChangeReportText.summary(change);

        // assert
        assertThat(summary).isEqualTo("CRITICAL risk, 2 changes, review required (2 approvals): Server web-02 "
                + "(10.0.0.2:80) removed from pool web. Pool web is left with 1 server (web-01) that can take "
                + "traffic: a single point of failure.");
    }
}
