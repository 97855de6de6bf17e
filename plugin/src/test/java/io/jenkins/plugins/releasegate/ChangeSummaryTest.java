package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeSummaryTest {
    @Test
    void shouldFillTheKeysAJenkinsfileReadsAndSayWhatChanged() {
        Map<String, Object> engine = Map.of("risk", "HIGH", "reviewRequired", true, "requiredApprovals", 2,
                "digest", "sha256:ab", "changes", List.of(
                        Map.of("kind", "SERVER_REMOVED", "message", "web-02 was removed from pool web"),
                        Map.of("kind", "SINGLE_POINT_OF_FAILURE", "message", "pool web is left with one server")));

        Map<String, Object> change = ChangeSummary.complete(engine, "HEAD~1", "HEAD");

        assertThat(change).containsEntry("base", "HEAD~1").containsEntry("head", "HEAD")
                .containsEntry("authors", List.of());
        assertThat(change.get("summary")).isEqualTo("HIGH risk, 2 changes, review required (2 approvals):"
                + " web-02 was removed from pool web. pool web is left with one server.");
    }

    @Test
    void shouldKeepTheEnginesFullRevisions() {
        Map<String, Object> change = ChangeSummary.complete(Map.of("base", "0123abc", "risk", "NONE"), "main",
                "HEAD");

        assertThat(change).containsEntry("base", "0123abc").containsEntry("reviewRequired", false);
        assertThat(change.get("summary")).isEqualTo("NONE risk, 0 changes, no review required");
    }
}
