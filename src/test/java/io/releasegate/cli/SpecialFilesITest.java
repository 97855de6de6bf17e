package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.CliProcess;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the operator names that are not regular files: a FIFO (opening it blocks until someone writes) and a device
 * that never ends ({@code /dev/zero}, whose size reads as 0). Each is bad input: one line naming the file, exit 2,
 * no stack trace, and no hang (each CLI run is a child JVM bounded in time).
 */
class SpecialFilesITest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Path fifo;
    private Path repo;

    @BeforeEach
    void create() throws Exception {
        fifo = dir.resolve("pipe.cfg");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        try (ScenarioRepo scenario = ScenarioRepo.init(dir.resolve("repo"))) {
            scenario.copyFixture("haproxy/valid/incident-before.cfg", "haproxy.cfg").commit("two servers");
            scenario.copyFixture("haproxy/valid/incident-after.cfg", "haproxy.cfg").commit("one server");
            repo = scenario.root();
        }
    }

    private CliProcess run(String... args) {
        return CliProcess.run(dir, Map.of(), TIMEOUT, args);
    }

    @Test
    void shouldRefuseAFifoOrADeviceAsEveryFileItReads() {
        // arrange
        String f = fifo.toString();
        List<String[]> commands = List.of(
                new String[] {"lint", f},
                new String[] {"lint", "/dev/zero"},
                new String[] {"diff", "--repo", repo.toString(), "--base", "HEAD~1", "--config", "/dev/zero"},
                new String[] {"diff", "--repo", repo.toString(), "--base", "HEAD~1", "--config", f},
                new String[] {"page", "--summary", "x", "--config", "/dev/zero"},
                new String[] {"page", "--flush", f},
                new String[] {"run", "--repo", repo.toString(), "--base", "HEAD~1", "--deploy", "true",
                    "--approvals", f});

        for (String[] command : commands) {
            // act
            CliProcess run = run(command);

            // assert
            String what = String.join(" ", command);
            assertThat(run.exitCode()).as(what + ": " + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).as(what).hasLineCount(1).doesNotContain("Exception in thread")
                    .doesNotContain("\tat ").contains(command[command.length - 1]).contains("not a regular file");
        }
    }
}
