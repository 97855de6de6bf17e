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
}
