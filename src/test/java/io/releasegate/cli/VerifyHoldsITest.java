package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.live.AdminState;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.testing.WatchScene;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify and drift with holds: a real HAProxy with web-02 in MAINT, holds committed to a real git repository. */
class VerifyHoldsITest {
    @TempDir
    Path dir;

    private WatchScene scene;

    @BeforeEach
    void startThePoolWithWebTwoInMaintenance() throws Exception {
        scene = WatchScene.start(dir);
        scene.repo.commit("pool web");
        new HaproxyRuntime(scene.haproxy().socket(), Duration.ofSeconds(2)).setState("web", "web-02", AdminState.MAINT);
    }

    @AfterEach
    void stopEverything() {
        scene.close();
    }

    private void hold(Instant since, Instant until) {
        scene.hold(since, until, "");
    }

    private CliRun verify() {
        return CliRun.of("verify", "--lb", scene.haproxy().url(), "--repo", scene.repoDir.toString(), "--pool", "web",
                "--haproxy-socket", scene.haproxy().socket().toString(), "--health-path", "/health", "--rate", "0");
    }

    @Test
    void shouldPassWithWebTwoOutAsPlannedWhileItsHoldLasts() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        hold(now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(1)));

        CliRun run = verify();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("web-02 is held until \\d\\d:\\d\\d \\(hold by alice: load test\\), "
                + "\\d+m( \\d+s)? left: expected out of pool web \\(.releasegate/holds.yml:2\\)");
        CliRun json = CliRun.of("verify", "--lb", scene.haproxy().url(), "--repo", scene.repoDir.toString(), "--pool",
                "web", "--haproxy-socket", scene.haproxy().socket().toString(), "--rate", "0", "--format", "json");
        assertThat(json.out()).contains("web-02 is out of pool web as planned until");
    }

    @Test
    void shouldFailTheFirstCheckAfterTheHoldEndedWithWebTwoStillInMaintenance() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant until = now.minus(Duration.ofMinutes(1));
        hold(now.minus(Duration.ofMinutes(30)), until);

        CliRun run = verify();

        String at = io.releasegate.hold.HoldTimes.clock(until, Instant.now());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("web-02 was due back at " + at + " (hold by alice: load test) and is still out "
                + "of pool web: web-02 is declared in haproxy.cfg:");
    }

    @Test
    void shouldNotLetAHoldThatStartsInMonthsExcuseWebTwoNow() {
        // arrange: a one-day hold written to start in 30 days (the diff refused it; the commit was merged anyway):
        // until then it covers nothing, so it cannot stretch holds.maxDuration to a month
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        hold(now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(31)));

        // act
        CliRun run = verify();

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("is in MAINT (set by the runtime API)").doesNotContain("as planned")
                .doesNotContain("due back");
    }

    @Test
    void shouldFailWithoutAHoldAsBefore() {
        CliRun run = verify();

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("is in MAINT (set by the runtime API)").doesNotContain("hold");
    }

    @Test
    void shouldCapAHoldsFileGivenBesideTheRepositoryByThatRevisionsPolicyNotTheDefault() throws Exception {
        // arrange: the revision's policy allows holds of 1h; a 3h hold passed the built-in 24h cap before
        scene.repo.write(".releasegate.yml", "holds:\n  maxDuration: 1h\n").commit("holds of an hour at most");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path holds = dir.resolve("holds.yml");
        java.nio.file.Files.writeString(holds, "holds:\n  - pool: web\n    servers: [web-02]\n    since: "
                + now.minusSeconds(60) + "\n    until: " + now.plusSeconds(3 * 3600) + "\n    reason: load test\n"
                + "    owner: alice\n");

        // act
        CliRun run = CliRun.of("verify", "--lb", scene.haproxy().url(), "--repo", scene.repoDir.toString(), "--pool",
                "web", "--holds", holds.toString(), "--rate", "0");

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("invalid holds " + holds + ":").contains("longer than holds.maxDuration 1h");
    }

    @Test
    void shouldRefuseAnInvalidHoldsFileWithItsLine() {
        scene.repo.write(".releasegate/holds.yml", "holds:\n  - pool: web\n    servers: [web-02]\n").commit("bad hold");

        CliRun run = verify();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("invalid holds .releasegate/holds.yml:2:").contains("a hold needs 'since'");
    }
}
