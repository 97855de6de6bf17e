package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasegate.report.Json;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldFindTheIncidentShapeAtARevision() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            repo.copyFixture("haproxy/valid/incident-after.cfg", "lb/haproxy.cfg").commit("one server");

            DiffCommandTest.Run run = DiffCommandTest.run("lint", "--repo", repo.root().toString(), "--format", "json");

            assertThat(run.exitCode()).isEqualTo(1);
            JsonNode json = Json.mapper().readTree(run.out());
            assertThat(json.get("risk").asText()).isEqualTo("HIGH");
            assertThat(json.get("findings").get(0).get("kind").asText()).isEqualTo("SINGLE_POINT_OF_FAILURE");
            assertThat(json.get("findings").get(0).get("file").asText()).isEqualTo("lb/haproxy.cfg");
        }
    }

    @Test
    void shouldPassAHealthyPoolAndFlagDuplicatesAndMissingChecksInLocalFiles() throws Exception {
        Path healthy = dir.resolve("healthy.yml");
        Files.writeString(healthy, ScenarioRepo.fixture("poolfile/incident-before.yml"));
        Path sloppy = dir.resolve("sloppy.yml");
        Files.writeString(sloppy, "pools:\n  web:\n    servers:\n      a: {address: 10.0.0.1:80}\n"
                + "      b: {address: 10.0.0.1:80}\n");

        DiffCommandTest.Run clean = DiffCommandTest.run("lint", healthy.toString());
        DiffCommandTest.Run dirty = DiffCommandTest.run("lint", sloppy.toString());

        assertThat(clean.exitCode()).isZero();
        assertThat(clean.out()).contains("0 finding(s), risk NONE");
        assertThat(dirty.exitCode()).isEqualTo(1);
        assertThat(dirty.out()).contains("NO_HEALTH_CHECKS").contains("DUPLICATE_SERVER_ADDRESS")
                .contains("a and b both point at 10.0.0.1:80");
    }

    @Test
    void shouldReportAnUnparseableFileAsCriticalAndBadInputAsTwo() throws Exception {
        Path broken = dir.resolve("haproxy.cfg");
        Files.writeString(broken, "backend web\n    server web-01 127.0.0.1:8081 weight 999\n");
        Path prose = dir.resolve("notes.txt");
        Files.writeString(prose, "just words\n");

        DiffCommandTest.Run unparseable = DiffCommandTest.run("lint", broken.toString());
        DiffCommandTest.Run notConfig = DiffCommandTest.run("lint", prose.toString());
        DiffCommandTest.Run missing = DiffCommandTest.run("lint", dir.resolve("absent.cfg").toString());

        assertThat(unparseable.exitCode()).isEqualTo(1);
        assertThat(unparseable.out()).contains("risk CRITICAL").contains("haproxy.cfg:2");
        assertThat(notConfig.exitCode()).isEqualTo(2);
        assertThat(notConfig.err()).contains("not recognisable");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void shouldSayNoPoolsAndExitZeroForAFileWithoutPools() throws Exception {
        // arrange: a frontends-only file, as HAProxy's tests/conf/test-backlog.cfg
        Path frontends = dir.resolve("frontends.cfg");
        Files.writeString(frontends, "global\n    maxconn 200\nfrontend backlog\n    mode http\n    bind :8000\n"
                + "    timeout client 15s\n");

        // act
        CliRun text = CliRun.of("lint", frontends.toString());
        CliRun json = CliRun.of("lint", frontends.toString(), "--format", "json");

        // assert
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("1 file(s), no pools, 0 finding(s), risk NONE");
        assertThat(Json.mapper().readTree(json.out()).get("pools").asInt()).isZero();
    }

    @Test
    void shouldNameTheFileAndLineOfBadInputAndExitTwoWithoutAStackTrace() throws Exception {
        // arrange
        Path binary = dir.resolve("binary.cfg");
        Files.write(binary, new byte[] {'g', 'l', 'o', 'b', 'a', 'l', '\n', 0, 1, 2});
        Path latin1 = dir.resolve("latin1.cfg");
        Files.write(latin1, new byte[] {'#', ' ', 'c', 'a', 'f', (byte) 0xe9, '\n'});
        Path directory = Files.createDirectories(dir.resolve("conf.d"));

        // act
        CliRun binaryRun = CliRun.of("lint", binary.toString());
        CliRun latin1Run = CliRun.of("lint", latin1.toString());
        CliRun directoryRun = CliRun.of("lint", directory.toString());

        // assert
        assertThat(binaryRun.exitCode()).isEqualTo(2);
        assertThat(binaryRun.err()).isEqualTo("release-gate lint: " + binary + ":2: a binary file (NUL byte at column "
                + "1), not configuration text\n");
        assertThat(latin1Run.exitCode()).isEqualTo(2);
        assertThat(latin1Run.err()).contains(latin1 + ":1: not valid UTF-8 text (byte 0xE9 at column 6)")
                .doesNotContain("Input length");
        assertThat(directoryRun.exitCode()).isEqualTo(2);
        assertThat(directoryRun.err()).contains(directory + ": is a directory");
        assertThat(binaryRun.out() + latin1Run.out() + directoryRun.out()).isEmpty();
        assertThat(binaryRun.err() + latin1Run.err() + directoryRun.err()).doesNotContain("\tat ");
    }

    @Test
    void shouldReportAFindingReachedThroughAnIncludeOnce() throws Exception {
        // arrange: nginx.conf includes conf.d/app.conf, and both are given
        Path confd = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("nginx.conf"), "events {}\nhttp {\n    include conf.d/*.conf;\n}\n");
        Files.writeString(confd.resolve("app.conf"), "upstream app {\n    server 127.0.0.1:8081;\n}\n");

        // act
        CliRun run = CliRun.of("lint", dir.resolve("nginx.conf").toString(), confd.resolve("app.conf").toString(),
                "--format", "json");

        // assert
        JsonNode findings = Json.mapper().readTree(run.out()).get("findings");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("kind").asText()).isEqualTo("SINGLE_POINT_OF_FAILURE");
        assertThat(findings.get(0).get("line").asInt()).isEqualTo(1);
    }

    @Test
    void shouldReportKeywordsUnknownToThisVersionAndConditionalServers() throws Exception {
        // arrange
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, """
                listen l
                    bind :8080
                    hash-preserve-affinity maxqueue
                    server s1 127.0.0.1:8081 check
                .if openssl_version_atleast(3.0.0)
                    server s2 127.0.0.1:8082 check
                .endif
                """);

        // act
        CliRun run = CliRun.of("lint", file.toString());

        // assert
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("UNKNOWN_TO_THIS_VERSION", file + ":3",
                "'hash-preserve-affinity' in listen l is not a keyword of HAProxy 2.6.12");
        assertThat(run.out()).contains("CONDITIONAL", file + ":6",
                "server s2 exists only if openssl_version_atleast(3.0.0), which cannot be evaluated offline");
    }

    @Test
    void shouldNotReadAnIncludedLinkOfTheRevisionAsConfiguration() throws Exception {
        // arrange: the revision's nginx.conf includes conf.d/*.conf, and conf.d/host.conf is a link to a host file
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            repo.write("nginx.conf", "events {}\nhttp {\n  include conf.d/*.conf;\n"
                    + "  upstream web { server 127.0.0.1:8081; server 127.0.0.1:8082; }\n}\n")
                    .write("conf.d/empty.conf", "# nothing\n");
            Files.createSymbolicLink(repo.root().resolve("conf.d/host.conf"), Path.of("/etc/hostname"));
            repo.commit("a link among the includes");

            // act
            CliRun run = CliRun.of("lint", "--repo", repo.root().toString());

            // assert
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            // a link is no file of the revision: what it points at is not reviewed
            assertThat(run.out()).contains("risk CRITICAL").contains("error: nginx.conf:3:3 open() "
                    + "\"conf.d/host.conf\" failed: included file not found");
        }
    }
}
