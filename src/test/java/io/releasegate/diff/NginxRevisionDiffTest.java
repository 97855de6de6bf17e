package io.releasegate.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.config.ConfigFormat;
import io.releasegate.config.FileRule;
import io.releasegate.config.FileRules;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxRevisionDiffTest {
    @TempDir
    Path dir;

    private DiffResult diff(ScenarioRepo repo, String base, String head, FileRules rules) throws Exception {
        return RevisionDiffs.between(repo.root(), base, head, rules, false);
    }

    private static ScenarioRepo withIncludes(ScenarioRepo repo) {
        return repo.copyFixture("nginx/valid/includes.conf", "nginx/nginx.conf")
                .copyFixture("nginx/valid/conf.d/upstreams/api.conf", "nginx/conf.d/upstreams/api.conf")
                .copyFixture("nginx/valid/conf.d/upstreams/static.conf", "nginx/conf.d/upstreams/static.conf")
                .copyFixture("nginx/valid/conf.d/servers/site.conf", "nginx/conf.d/servers/site.conf");
    }

    @Test
    void shouldReportTheNginxIncident() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("nginx/valid/incident-before.conf", "nginx.conf").commit("two");
            String head = repo.copyFixture("nginx/valid/incident-after.conf", "nginx.conf").commit("one");

            DiffResult result = diff(repo, base, head, FileRules.byContent());

            assertThat(result.changes()).extracting(Change::kind).contains(ChangeKind.SERVER_REMOVED,
                    ChangeKind.CAPACITY_REDUCED, ChangeKind.SINGLE_POINT_OF_FAILURE);
            assertThat(result.changes()).filteredOn(c -> c.kind() == ChangeKind.SERVER_REMOVED).singleElement()
                    .satisfies(change -> {
                        assertThat(change.pool()).isEqualTo("web");
                        assertThat(change.server()).isEqualTo("127.0.0.1:8082");
                    });
        }
    }

    @Test
    void shouldSeeAChangeInAnIncludedFileWithoutRules() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = withIncludes(repo).commit("nginx with includes");
            String head = repo.write("nginx/conf.d/upstreams/api.conf",
                    "upstream api {\n    least_conn;\n    server 127.0.0.1:7001;\n}\n").commit("drop 7002");

            DiffResult result = diff(repo, base, head, FileRules.byContent());

            assertThat(result.changes()).extracting(Change::kind, Change::pool, Change::server).contains(
                    org.assertj.core.groups.Tuple.tuple(ChangeKind.SERVER_REMOVED, "api", "127.0.0.1:7002"));
        }
    }

    @Test
    void shouldSeeAChangeInAnIncludedFileThatOnlyTheRootRuleSelects() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = withIncludes(repo).commit("nginx with includes");
            String head = repo.write("nginx/conf.d/upstreams/api.conf",
                    "upstream api {\n    least_conn;\n    server 127.0.0.1:7001;\n}\n").commit("drop 7002");
            FileRules rules = FileRules.of(List.of(new FileRule("nginx/nginx.conf", ConfigFormat.NGINX)));

            DiffResult result = diff(repo, base, head, rules);

            assertThat(result.changes()).extracting(Change::kind, Change::pool, Change::server).contains(
                    org.assertj.core.groups.Tuple.tuple(ChangeKind.SERVER_REMOVED, "api", "127.0.0.1:7002"));
            assertThat(result.files()).extracting(DiffResult.FileEntry::path).contains("nginx/nginx.conf");
        }
    }

    @Test
    void shouldSeeAChangeInAnIncludedFileWhoseNameOrContentIsNotRecognisableOnItsOwn() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            // arrange: without rules, upstreams.txt is no candidate by name and servers.conf holds only server lines
            String base = repo.write("nginx.conf", "events {}\nhttp {\n    include upstreams.txt;\n"
                    + "    upstream api {\n        include servers.conf;\n    }\n"
                    + "    server {\n        listen 8080;\n        location / { proxy_pass http://web; }\n"
                    + "        location /api { proxy_pass http://api; }\n    }\n}\n")
                    .write("upstreams.txt", "upstream web {\n    server 127.0.0.1:8081;\n    server 127.0.0.1:8082;\n}\n")
                    .write("servers.conf", "server 127.0.0.1:7001;\nserver 127.0.0.1:7002;\n")
                    .commit("nginx with includes");
            String head = repo.write("upstreams.txt", "upstream web {\n    server 127.0.0.1:8081;\n}\n")
                    .write("servers.conf", "server 127.0.0.1:7001;\n").commit("drop one of each");

            // act
            DiffResult result = diff(repo, base, head, FileRules.byContent());

            // assert: each removal once, through the root that includes both files
            assertThat(result.changes()).filteredOn(change -> change.kind() == ChangeKind.SERVER_REMOVED)
                    .extracting(Change::pool, Change::server).containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("web", "127.0.0.1:8082"),
                            org.assertj.core.groups.Tuple.tuple("api", "127.0.0.1:7002"));
            assertThat(result.files()).extracting(DiffResult.FileEntry::path).containsExactly("nginx.conf");
        }
    }
}
