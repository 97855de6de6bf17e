package io.releasegate.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaproxyRevisionDiffTest {
    @TempDir
    Path dir;

    private DiffResult diff(ScenarioRepo repo, String base, String head) throws Exception {
        return RevisionDiffs.byContent(repo.root(), base, head);
    }

    @Test
    void shouldReportTheHaproxyIncident() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("haproxy/valid/incident-before.cfg", "haproxy/haproxy.cfg").commit("two");
            String head = repo.copyFixture("haproxy/valid/incident-after.cfg", "haproxy/haproxy.cfg").commit("one");

            DiffResult result = diff(repo, base, head);

            assertThat(result.changes()).extracting(Change::kind, Change::pool, Change::server).containsExactly(
                    tuple(ChangeKind.SERVER_REMOVED, "web", "web-02"),
                    tuple(ChangeKind.CAPACITY_REDUCED, "web", ""),
                    tuple(ChangeKind.SINGLE_POINT_OF_FAILURE, "web", ""));
        }
    }

    @Test
    void shouldReportACommentedOutServerAsRemoved() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String before = ScenarioRepo.fixture("haproxy/valid/incident-before.cfg");
            String base = repo.write("haproxy.cfg", before).commit("two");
            String head = repo.write("haproxy.cfg", before.replace("    server web-02", "    #server web-02"))
                    .commit("comment out web-02");

            DiffResult result = diff(repo, base, head);

            assertThat(result.changes()).extracting(Change::kind).first().isEqualTo(ChangeKind.SERVER_REMOVED);
        }
    }

    @Test
    void shouldReportADefaultServerChangeOnEveryServerItAlters() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String config = """
                    defaults
                        mode http
                        timeout connect 5s
                        timeout client 30s
                        timeout server 30s
                    backend web
                        balance roundrobin
                        default-server check weight 10
                        server web-01 127.0.0.1:8081
                        server web-02 127.0.0.1:8082
                    """;
            String base = repo.write("haproxy.cfg", config).commit("base");
            String head = repo.write("haproxy.cfg", config.replace("check weight 10", "weight 20")
                    .replace("timeout server 30s", "timeout server 90s")).commit("defaults");

            DiffResult result = diff(repo, base, head);

            assertThat(result.changes()).extracting(Change::kind, Change::server, Change::before, Change::after)
                    .contains(tuple(ChangeKind.WEIGHT_CHANGED, "web-01", "10", "20"),
                            tuple(ChangeKind.WEIGHT_CHANGED, "web-02", "10", "20"),
                            tuple(ChangeKind.HEALTH_CHECK_REMOVED, "web-01", "checked", "not checked"),
                            tuple(ChangeKind.HEALTH_CHECK_REMOVED, "web-02", "checked", "not checked"),
                            tuple(ChangeKind.OTHER_CHANGE, "", "timeout server 30s", "timeout server 90s"));
        }
    }

    @Test
    void shouldIgnoreReorderedSectionsAndServers() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.write("haproxy.cfg", """
                    defaults
                        mode http
                        timeout connect 5s
                        timeout client 30s
                        timeout server 30s
                    backend web
                        server web-01 127.0.0.1:8081 check
                        server web-02 127.0.0.1:8082 check
                    backend api
                        server api-01 127.0.0.1:9001 check
                    """).commit("base");
            String head = repo.write("haproxy.cfg", """
                    # reordered
                    defaults
                        mode    http
                        timeout client 30s
                        timeout connect 5s
                        timeout server 30s

                    backend api
                        server api-01 127.0.0.1:9001 check   # the only one
                    backend web
                        server web-02 127.0.0.1:8082 check
                        server web-01 127.0.0.1:8081 check
                    """).commit("reorder");

            DiffResult result = diff(repo, base, head);

            assertThat(result.changes()).isEmpty();
        }
    }
}
