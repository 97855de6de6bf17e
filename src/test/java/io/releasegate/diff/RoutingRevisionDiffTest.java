package io.releasegate.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.releasegate.config.ConfigFormat;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing, twin servers and files without pools in the semantic diff between two commits, detection by content. */
class RoutingRevisionDiffTest {
    private static final String HAPROXY = """
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            frontend www
                bind 127.0.0.1:18080
                acl is_api path_beg /api
                use_backend api if is_api
                default_backend web
            backend web
                server web-01 127.0.0.1:8081 check
                server web-02 127.0.0.1:8082 check
            backend api
                server api-01 127.0.0.1:9001 check
                server api-02 127.0.0.1:9002 check
            """;

    @TempDir
    Path dir;

    private DiffResult diff(ScenarioRepo repo, String base, String head) throws Exception {
        return RevisionDiffs.byContent(repo.root(), base, head);
    }

    @Test
    void shouldReportAUseBackendRetargetAsARouteChangeInWordsAndThePoolNoLongerReached() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            // arrange
            String base = repo.write("haproxy.cfg", HAPROXY).commit("api behind /api");
            String head = repo.write("haproxy.cfg", HAPROXY.replace("use_backend api if", "use_backend web if"))
                    .commit("send /api to web");

            // act
            DiffResult result = diff(repo, base, head);

            // assert
            assertThat(result.changes()).extracting(Change::kind, Change::line, Change::pool).containsExactly(
                    tuple(ChangeKind.ROUTE_CHANGED, 9, "web"),
                    tuple(ChangeKind.ROUTE_CHANGED, 14, "api"));
            assertThat(result.changes().get(0).message()).isEqualTo("frontend www: requests matching 'if is_api' "
                    + "(is_api: path_beg /api) now go to pool web instead of pool api.");
            assertThat(result.changes().get(0)).extracting(Change::before, Change::after).containsExactly(
                    "frontend www, if is_api: pool api", "frontend www, if is_api: pool web");
            assertThat(result.changes().get(1).message()).isEqualTo("Pool api no longer receives traffic from any "
                    + "frontend (before, frontend www sent it requests matching 'if is_api' (is_api: path_beg "
                    + "/api)).");
        }
    }

    @Test
    void shouldReportARemovedRouteWithWhereItsRequestsGoNow() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.write("haproxy.cfg", HAPROXY).commit("api behind /api");
            String head = repo.write("haproxy.cfg", HAPROXY.replace("    use_backend api if is_api\n", ""))
                    .commit("no more /api rule");

            DiffResult result = diff(repo, base, head);

            assertThat(result.changes()).extracting(Change::kind).containsExactly(ChangeKind.ROUTE_CHANGED,
                    ChangeKind.ROUTE_CHANGED);
            assertThat(result.changes().get(0).message()).isEqualTo("frontend www: the route of requests matching "
                    + "'if is_api' (is_api: path_beg /api) to pool api was removed; they now go to pool web (the "
                    + "default).");
        }
    }

    @Test
    void shouldReportAnNginxLocationMovedToAnotherUpstream() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String config = """
                    events {}
                    http {
                        upstream api { server 127.0.0.1:9001; server 127.0.0.1:9002; }
                        upstream web { server 127.0.0.1:8081; server 127.0.0.1:8082; }
                        server {
                            listen 127.0.0.1:8080;
                            location /api { proxy_pass http://api; }
                            location / { proxy_pass http://web; }
                        }
                    }
                    """;
            String base = repo.write("nginx.conf", config).commit("two upstreams");
            String head = repo.write("nginx.conf", config.replace("proxy_pass http://api;", "proxy_pass http://web;"))
                    .commit("api to web");

            DiffResult result = diff(repo, base, head);

            assertThat(result.changes()).extracting(Change::kind).containsExactly(ChangeKind.ROUTE_CHANGED,
                    ChangeKind.ROUTE_CHANGED);
            assertThat(result.changes().get(0).message()).isEqualTo("server :8080: requests to location /api now go "
                    + "to pool web instead of pool api.");
            assertThat(result.changes().get(1).message()).startsWith("Pool api no longer receives traffic");
        }
    }

    @Test
    void shouldReportDeletingOneOfThreeIdenticalNginxServersAsThatPeer() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String config = "events {}\nhttp {\n    upstream u {\n        server 127.0.0.1:8081;\n"
                    + "        server 127.0.0.1:8081;\n        server 127.0.0.1:8081;\n    }\n}\n";
            String base = repo.write("nginx.conf", config).commit("three peers");
            String head = repo.write("nginx.conf", config.replaceFirst("        server 127.0.0.1:8081;\n", ""))
                    .commit("two peers");

            DiffResult result = diff(repo, base, head);

            assertThat(result.changes()).extracting(Change::kind, Change::server).containsExactly(
                    tuple(ChangeKind.SERVER_REMOVED, "127.0.0.1:8081"), tuple(ChangeKind.CAPACITY_REDUCED, ""));
            assertThat(result.changes().get(0).message()).contains("one of 3 servers at that address",
                    "it took 33% of the pool's traffic (weight 1 of 3)");
        }
    }

    @Test
    void shouldSeeAFileOfServerTemplatesOnlyAndReportItsChecksLost() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            // arrange: issue 8 section 5: today "No semantic change" for 4 checked servers -> 1 unchecked
            String base = repo.write("lb/app.cfg", "backend app\n    server-template app 4 10.0.0.1:8080 check\n")
                    .commit("four checked");
            String head = repo.write("lb/app.cfg", "backend app\n    server-template app 1 10.0.0.1:8080\n")
                    .commit("one unchecked");

            // act
            DiffResult result = diff(repo, base, head);

            // assert
            assertThat(result.files()).extracting(DiffResult.FileEntry::format).containsExactly(ConfigFormat.HAPROXY);
            assertThat(result.changes()).extracting(Change::kind).contains(ChangeKind.SERVER_REMOVED,
                    ChangeKind.HEALTH_CHECK_REMOVED, ChangeKind.CAPACITY_REDUCED,
                    ChangeKind.SINGLE_POINT_OF_FAILURE);
        }
    }

    @Test
    void shouldSeeAFileWithoutPoolsAsALoadBalancerFileThatDefinesNone() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String frontends = "global\n    maxconn 200\nfrontend backlog\n    mode http\n    bind :8000\n";
            String base = repo.write("haproxy.cfg", frontends).commit("frontends");
            String head = repo.write("haproxy.cfg", frontends.replace(":8000", ":8001")).commit("another port");

            DiffResult result = diff(repo, base, head);

            assertThat(result.files()).singleElement().extracting(DiffResult.FileEntry::path)
                    .isEqualTo("haproxy.cfg");
            assertThat(result.errors()).isEmpty();
            assertThat(result.changes()).extracting(Change::kind, Change::before, Change::after).containsExactly(
                    tuple(ChangeKind.OTHER_CHANGE, "bind :8000", "bind :8001"));
        }
    }
}
