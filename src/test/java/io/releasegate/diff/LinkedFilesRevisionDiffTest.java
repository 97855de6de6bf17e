package io.releasegate.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load-balancer file or an nginx include that a commit turns into a symbolic link: git holds only the link's
 * target, the load balancer reads whatever it points at (/etc/passwd, a host's own configuration). The diff must not
 * read the link's text as configuration; it is CONFIG_UNPARSEABLE (CRITICAL). Real git commits with real links.
 */
class LinkedFilesRevisionDiffTest {
    private static final String NGINX = """
            events {}
            http {
                include conf.d/*.conf;
                upstream web { server 127.0.0.1:8081; server 127.0.0.1:8082; }
                server { listen 127.0.0.1:8080; location / { proxy_pass http://web; } }
            }
            """;

    @TempDir
    Path dir;

    private DiffResult diff(String base, String head) throws Exception {
        return RevisionDiffs.byContent(dir, base, head);
    }

    @Test
    void shouldReportAnIncludedFileReplacedByALinkOutOfTheRepositoryAsUnparseable() throws Exception {
        // arrange
        String base;
        String head;
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            base = repo.write("nginx.conf", NGINX)
                    .write("conf.d/extra.conf", "upstream extra { server 127.0.0.1:9000; server 127.0.0.1:9001; }\n")
                    .commit("an included upstream");
            Files.delete(dir.resolve("conf.d/extra.conf"));
            Files.createSymbolicLink(dir.resolve("conf.d/extra.conf"), Path.of("/etc/passwd"));
            head = repo.commit("the upstream is now whatever the host has there");
        }

        // act
        DiffResult result = diff(base, head);

        // assert
        assertThat(result.changes()).filteredOn(c -> c.kind() == ChangeKind.CONFIG_UNPARSEABLE).singleElement()
                .satisfies(c -> {
                    assertThat(c.file()).isEqualTo("conf.d/extra.conf");
                    assertThat(c.message()).contains("a symbolic link (to '/etc/passwd') or a submodule at the head "
                            + "revision, not a file").doesNotContain("(line 0)");
                });
        assertThat(result.errors()).extracting(DiffResult.ParseError::revision).containsExactly("head");
    }

    @Test
    void shouldReportANewLinkThatAGlobIncludesAsUnparseable() throws Exception {
        // arrange: nothing but a new link that nginx.conf's include conf.d/*.conf picks up
        String base;
        String head;
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            base = repo.write("nginx.conf", NGINX).write("conf.d/empty.conf", "# nothing yet\n").commit("no includes");
            Files.createSymbolicLink(dir.resolve("conf.d/host.conf"), Path.of("../../../etc/nginx/nginx.conf"));
            head = repo.commit("include the host's file");
        }

        // act
        DiffResult result = diff(base, head);

        // assert
        assertThat(result.changes()).extracting(Change::kind).contains(ChangeKind.CONFIG_UNPARSEABLE);
        assertThat(result.changes()).extracting(Change::file).contains("conf.d/host.conf");
    }
}
