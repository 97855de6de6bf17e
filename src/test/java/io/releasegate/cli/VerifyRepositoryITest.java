package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.Arrivals;
import io.releasegate.testing.CountingProxy;
import io.releasegate.testing.HaproxyProcess;
import io.releasegate.testing.HttpBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expected pool from git ({@code --repo --rev --pool}) or one file ({@code --config}), with health and drift. */
class VerifyRepositoryITest {
    @TempDir
    Path dir;

    @TempDir
    Path repo;

    private LoadBalancers lbs;
    private HttpBackend web1;
    private HttpBackend web2;
    private HaproxyProcess lb;

    @BeforeEach
    void startTheDeclaredPoolAndCommitItsConfig() throws Exception {
        lbs = new LoadBalancers(dir);
        web1 = lbs.backend("web-01");
        web2 = lbs.backend("web-02");
        lb = lbs.haproxy("roundrobin", Map.of(), web1, web2);
        Files.copy(lb.configFile(), repo.resolve("haproxy.cfg"));
        git("init", "-q");
        git("add", "haproxy.cfg");
        git("-c", "user.name=Release Gate", "-c", "user.email=rg@example.com", "commit", "-q", "-m", "pool web");
    }

    @AfterEach
    void stopEverything() throws Exception {
        lbs.close();
    }

    @Test
    void shouldPassThePoolDeclaredInGitWithHealthAndDrift() {
        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--repo", repo.toString(), "--rev", "HEAD", "--pool", "web",
                "--health-path", "/health", "--haproxy-socket", lb.socket().toString(), "--rate", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("web-01\\s+50.0 %\\s+\\d+\\s+\\S+ %\\s+PASS\\s+PASS")
                .containsPattern("web-02\\s+50.0 %\\s+\\d+\\s+\\S+ %\\s+PASS\\s+PASS");
    }

    @Test
    void shouldCatchWebTwoInMaintenanceAsDriftMissingAndTheIncident() throws Exception {
        new io.releasegate.live.HaproxyRuntime(lb.socket(), java.time.Duration.ofSeconds(2))
                .setState("web", "web-02", io.releasegate.live.AdminState.MAINT);

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--repo", repo.toString(), "--pool", "web",
                "--health-path", "/health", "--haproxy-socket", lb.socket().toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("\"missing\" : [ \"web-02\" ]")
                .contains("web-02 is healthy when asked directly but got none of 12 responses")
                .containsPattern("\"drift\" : \\[[^]]*\"subject\" : \"web-02\",\\s*\"status\" : \"FAIL\"");
    }

    @Test
    void shouldCheckSeveralPoolsInOneRunWithBonferroni() throws Exception {
        HaproxyProcess api = lbs.haproxy("api", "roundrobin", Map.of(), lbs.backend("api-01"), lbs.backend("api-02"));
        Files.copy(api.configFile(), repo.resolve("api.cfg"));
        git("add", "api.cfg");
        git("-c", "user.name=Release Gate", "-c", "user.email=rg@example.com", "commit", "-q", "-m", "pool api");

        CliRun run = CliRun.of("verify", "--repo", repo.toString(), "--pool", "web", "--lb", lb.url(), "--pool", "api",
                "--lb", api.url(), "--rate", "0", "--format", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.out());
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(2);
        assertThat(json.get(1).get("observed").has("api-02")).isTrue();
        // each pool at alpha / 2, half of that for the looks, spread over 6 looks
        assertThat(json.get(0).get("test").get("alpha").asDouble()).isCloseTo(0.001 / 2 / 2 / 6,
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shouldShareOneRateBudgetAcrossPoolsHealthProbesAndStatsReads() throws Exception {
        // arrange: two pools behind two HAProxies, health probed directly at /probe (counted by the backends, unlike
        // HAProxy's own checks of /health), drift read from web's real stats page through a counting proxy
        HttpBackend api1 = lbs.backend("api-01");
        HttpBackend api2 = lbs.backend("api-02");
        HaproxyProcess api = lbs.haproxy("api", "roundrobin", Map.of(), api1, api2);
        Files.copy(api.configFile(), repo.resolve("api.cfg"));
        git("add", "api.cfg");
        git("-c", "user.name=Release Gate", "-c", "user.email=rg@example.com", "commit", "-q", "-m", "pool api");
        CountingProxy stats = CountingProxy.to(lb.statsCsvUrl());

        // act
        CliRun run;
        try (stats) {
            run = CliRun.of("verify", "--repo", repo.toString(), "--pool", "web", "--lb", lb.url(), "--pool", "api",
                    "--lb", api.url(), "--rate", "20", "--requests", "30", "--health-path", "/probe",
                    "--stats", stats.url("/stats;csv"));
        }

        // assert: 2 pools x (30 requests + 2 servers x 3 probes + 1 stats read) = 74 permits of one budget, and up to
        // 3 more requests per pool that were in flight when the 30th answer completed the sample
        List<Long> arrivals = Arrivals.merged(web1.arrivals(), web2.arrivals(), api1.arrivals(), api2.arrivals(),
                stats.arrivals());
        assertThat(arrivals.size()).as(run.out() + run.err()).isBetween(74, 74 + 2 * 3);
        assertThat(stats.arrivals()).hasSize(2);
        // at most 20 start in any second; arriving, a request can be late by more than one permit's 50 ms on a busy
        // machine, so the count per second allows 2 more, and the span (late first arrival only) 200 ms less
        assertThat(Arrivals.maxInOneSecond(arrivals)).as(run.err()).isLessThanOrEqualTo(20 + 2);
        assertThat(Arrivals.consistentWithRate(arrivals, 20, 200)).as("%d arrivals in %d ms", arrivals.size(),
                (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1_000_000).isTrue();
        assertThat(run.err()).contains("verify: pool web at ").contains("verify: pool api at ")
                .contains("rate 20.0/s");
    }

    @Test
    void shouldRejectAnUnknownPoolWithExitCodeTwo() {
        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--repo", repo.toString(), "--pool", "api");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("unknown pool 'api' at HEAD").contains("pools: ").contains("web (haproxy.cfg:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldReadThePoolFromOneConfigFile() {
        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--config", repo.resolve("haproxy.cfg").toString(),
                "--pool", "web", "--rate", "0");
        CliRun unknown = CliRun.of("verify", "--lb", lb.url(), "--config", repo.resolve("haproxy.cfg").toString(),
                "--pool", "nope");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("unknown pool 'nope' in ");
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("git " + String.join(" ", args) + " did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
        }
    }
}
