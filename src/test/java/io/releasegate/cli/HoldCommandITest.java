package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.live.AdminState;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.live.LiveServer;
import io.releasegate.testing.HaproxyProcess;
import io.releasegate.testing.HttpBackend;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hold add|list|release on a real git work tree, with the runtime API of a real HAProxy. */
class HoldCommandITest {
    @TempDir
    Path dir;

    @TempDir
    Path repoDir;

    private LoadBalancers lbs;
    private HaproxyProcess lb;
    private ScenarioRepo repo;

    @BeforeEach
    void startThePool() throws Exception {
        lbs = new LoadBalancers(dir);
        HttpBackend web1 = lbs.backend("web-01");
        HttpBackend web2 = lbs.backend("web-02");
        lb = lbs.haproxy("roundrobin", Map.of("web-02", 2), web1, web2);
        repo = ScenarioRepo.init(repoDir);
        repo.write("haproxy.cfg", Files.readString(lb.configFile()))
                .write(".releasegate.yml", "holds:\n  maxDuration: 8h\nescalation:\n  contacts:\n"
                        + "    alice-pd: {type: pagerduty, routingKey: env:RELEASE_GATE_ALICE}\n")
                .commit("pool web");
    }

    @AfterEach
    void stopEverything() throws Exception {
        repo.close();
        lbs.close();
    }

    private LiveServer web02() throws Exception {
        return new HaproxyRuntime(lb.socket(), Duration.ofSeconds(2)).showServersState("web").server("web-02")
                .orElseThrow();
    }

    @Test
    void shouldHoldWebTwoInMaintenanceListItAndPutItBackWithItsDeclaredWeight() throws Exception {
        CliRun add = CliRun.of("hold", "add", "web/web-02", "--for", "2h", "--reason", "load test", "--owner", "alice",
                "--contact", "alice-pd", "--repo", repoDir.toString(), "--socket", lb.socket().toString());

        assertThat(add.exitCode()).as(add.out() + add.err()).isZero();
        assertThat(add.out()).contains("hold added: web/web-02 may be out until ")
                .contains("(2h, hold by alice: load test, contact alice-pd)")
                .contains("web/web-02: MAINT (set server web/web-02 state maint)")
                .contains("commit it");
        assertThat(web02().adminState()).isEqualTo(AdminState.MAINT);
        String file = Files.readString(repoDir.resolve(".releasegate/holds.yml"));
        assertThat(file).contains("  - pool: web\n    servers: [web-02]\n").contains("    reason: \"load test\"\n")
                .contains("    owner: alice\n").contains("    contact: alice-pd\n");

        CliRun list = CliRun.of("hold", "list", "--repo", repoDir.toString());
        assertThat(list.exitCode()).as(list.out() + list.err()).isZero();
        assertThat(list.out()).contains("1 active, 0 expired").containsPattern("web/web-02\\s+active\\s+\\S+Z\\s+"
                + "(1h 59m|2h)\\s+alice\\s+alice-pd\\s+load test");

        new HaproxyRuntime(lb.socket(), Duration.ofSeconds(2)).setWeight("web", "web-02", 7);
        CliRun release = CliRun.of("hold", "release", "web/web-02", "--repo", repoDir.toString(), "--socket",
                lb.socket().toString());

        assertThat(release.exitCode()).as(release.out() + release.err()).isZero();
        assertThat(release.out()).contains("hold released: web/web-02")
                .contains("web/web-02: READY, weight 2 as declared in haproxy.cfg:");
        assertThat(web02()).extracting(LiveServer::adminState, LiveServer::weight)
                .containsExactly(AdminState.READY, 2);
        assertThat(Files.readString(repoDir.resolve(".releasegate/holds.yml"))).contains("holds: []");
    }

    @Test
    void shouldRefuseAHoldLongerThanThePolicyAllowsAndAnUnknownContact() throws Exception {
        CliRun tooLong = CliRun.of("hold", "add", "web/web-02", "--for", "9h", "--reason", "soak", "--repo",
                repoDir.toString(), "--socket", lb.socket().toString());
        CliRun unknown = CliRun.of("hold", "add", "web/web-02", "--for", "1h", "--reason", "soak", "--contact",
                "https://evil.example/hook", "--repo", repoDir.toString());

        assertThat(tooLong.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(tooLong.err()).containsPattern("--for 9h is longer than holds.maxDuration 8h of policy "
                + "[0-9a-f]{10}:.releasegate.yml");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).containsPattern("is not a contact of escalation.contacts in [0-9a-f]{10}:"
                + ".releasegate.yml \\(known: alice-pd\\)");
        assertThat(repoDir.resolve(".releasegate/holds.yml")).doesNotExist();
        assertThat(web02().adminState()).isEqualTo(AdminState.READY);
    }

    @Test
    void shouldListAnExpiredHoldAsNeedingAttention() throws Exception {
        repo.write(".releasegate/holds.yml", "holds:\n  - pool: web\n    servers: [web-02]\n"
                + "    since: 2026-01-01T10:00:00Z\n    until: 2026-01-01T12:00:00Z\n    reason: load test\n"
                + "    owner: alice\n").commit("an old hold");

        CliRun list = CliRun.of("hold", "list", "--repo", repoDir.toString());
        CliRun json = CliRun.of("hold", "list", "--rev", "HEAD", "--format", "json", "--repo", repoDir.toString());

        assertThat(list.exitCode()).isEqualTo(ExitCodes.FAIL);
        assertThat(list.out()).contains("0 active, 1 expired").contains("web/web-02  EXPIRED")
                .contains("expired: web-02 was due back in pool web at 2026-01-01 12:00 (hold by alice: load test); "
                        + "once it is back: release-gate hold release web/web-02");
        assertThat(json.out()).contains("\"state\" : \"expired\"").contains("\"line\" : 2");
    }

    @Test
    void shouldRefuseToReleaseAServerThatIsNotHeld() {
        CliRun release = CliRun.of("hold", "release", "web/web-01", "--repo", repoDir.toString());

        assertThat(release.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(release.err()).contains("no hold on web/web-01 in ");
    }

    @Test
    void shouldNeitherReadNorWriteHoldsThroughALinkTheRepositoryCommitted() throws Exception {
        // arrange: the repository's .releasegate is a link to a directory outside it
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(repoDir.resolve(".releasegate"), outside);
        repo.commit("a link named like the holds directory");

        // act
        CliRun add = CliRun.of("hold", "add", "web/web-02", "--for", "2h", "--reason", "load test", "--owner", "alice",
                "--repo", repoDir.toString());
        CliRun list = CliRun.of("hold", "list", "--repo", repoDir.toString());

        // assert
        assertThat(add.exitCode()).as(add.out() + add.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(add.err()).contains(".releasegate in " + repoDir + " is a symbolic link: holds are read and "
                + "written in the repository only, never through a link");
        assertThat(outside.resolve("holds.yml")).doesNotExist();
        assertThat(list.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
