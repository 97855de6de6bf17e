package io.releasegate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.drill.EmbeddedBalancer;
import io.releasegate.drill.PagerDutyEndpoint;
import io.releasegate.log.BufferedLog;
import io.releasegate.log.TimedStep;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.rollback.CommandRollback;
import io.releasegate.paging.Outbox;
import io.releasegate.paging.OutboxEntry;
import io.releasegate.paging.PageAction;
import io.releasegate.paging.PageResult;
import io.releasegate.rollback.RollbackAction;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.paging.Secrets;
import io.releasegate.paging.Severity;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.Decision;
import io.releasegate.testing.FreePorts;
import io.releasegate.testing.HaproxyProcess;
import io.releasegate.testing.HttpBackend;
import io.releasegate.testing.Pieces;
import io.releasegate.testing.ScenarioRepo;
import io.releasegate.verify.Verdict;
import io.releasegate.live.AdminState;
import io.releasegate.live.HaproxyRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gate on real pieces: a JGit repository, real HTTP backends, the embedded proxy or a real HAProxy, and a
 * local endpoint speaking the PagerDuty Events API v2.
 */
class GateRunITest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private final Pieces pieces = new Pieces();
    private HttpBackend web1;
    private HttpBackend web2;
    private PagerDutyEndpoint pagerDuty;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        web1 = keep(HttpBackend.start("web-01"));
        web2 = keep(HttpBackend.start("web-02"));
        pagerDuty = keep(PagerDutyEndpoint.start(KEY));
    }

    @AfterEach
    void stop() throws Exception {
        pieces.close();
    }

    @Test
    void shouldBlockWithoutApprovalsAndSayWhatIsMissing() throws Exception {
        // arrange
        EmbeddedBalancer lb = embedded();
        Scenario scenario = scenario(lb, "expect: web-01,web-02");
        AtomicInteger deploys = new AtomicInteger();

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request(scenario, List.of(), context -> {
            deploys.incrementAndGet();
            return new DeployResult("count", true, 0, "", 0, "counted");
        }, null));

        // assert
        assertThat(run.outcome()).isEqualTo(GateOutcome.BLOCKED);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(deploys).hasValue(0);
        assertThat(run.reason()).isEqualTo("blocked before the deploy: pending: 0 of 1 required approvals; 1 more "
                + "needed from alice");
        assertThat(run.timeline()).extracting(TimedStep::name).containsExactly("diff", "sign-off");
        assertThat(pagerDuty.events()).isEmpty();
    }

    @Test
    void shouldReleaseAndVerifyWhenTheDeployedPoolCarriesTheTraffic() throws Exception {
        // arrange
        HttpBackend web3 = keep(HttpBackend.start("web-03"));
        EmbeddedBalancer lb = embedded();
        Scenario scenario = addWebThree(lb, web3, policy(lb.url().toString(), ""));

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request(scenario, approve(scenario),
                apply(lb, haproxy(web1, web2, web3)), null));

        // assert
        assertThat(run.outcome()).as(run.reason()).isEqualTo(GateOutcome.RELEASED);
        assertThat(run.exitCode()).isZero();
        assertThat(run.verification().verdict()).isEqualTo(Verdict.PASS);
        assertThat(run.verification().observed()).containsOnlyKeys("web-01", "web-02", "web-03");
        assertThat(run.rollback()).isNull();
        assertThat(run.pages()).isEmpty();
        assertThat(pagerDuty.events()).isEmpty();
        assertThat(run.timeline()).extracting(TimedStep::name).containsExactly("diff", "sign-off", "deploy", "verify");
        assertThat(web3.requests()).isPositive();
    }

    @Test
    void shouldRollBackRecoverAndPageThenResolveWhenWeb02IsLeftInMaintenance() throws Exception {
        // arrange: real HAProxy; the "deploy" takes web-02 out for a test and never puts it back
        int port = FreePorts.next();
        Path socket = dir.resolve("haproxy").resolve("haproxy.sock");
        String config = HaproxyProcess.roundRobinWeb(port, web1, web2);
        Scenario scenario = longerServerTimeout(config, socket, policy("http://127.0.0.1:" + port + "/", ""));
        String base = scenario.base();
        String head = scenario.head();
        Files.createDirectories(socket.getParent());
        HaproxyProcess haproxy = keep(HaproxyProcess.start(socket.getParent(), config, port));
        GateRequest request = new GateRequest(scenario.repo(), base, head, Optional.empty(), approve(scenario),
                "shop", webTwoIntoMaintenance(haproxy), null, haproxy.socket(), Secrets.from(Map.of("PD_KEY", KEY)),
                dir.resolve("outbox.jsonl"), "file:///reports/run.html", null, true);

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request);

        // assert
        assertThat(run.outcome()).as(run.reason()).isEqualTo(GateOutcome.ROLLED_BACK);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.verification().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(run.verification().missing()).containsExactly("web-02");
        assertThat(run.rollback().outcome()).isEqualTo(RollbackResult.Outcome.OK);
        assertThat(run.rollback().reason()).contains("web-02: MAINT (set by the runtime API) -> READY");
        assertThat(run.reverification().verdict()).isEqualTo(Verdict.PASS);
        assertThat(run.timeline()).extracting(TimedStep::name).containsExactly("diff", "sign-off", "deploy", "verify",
                "page trigger", "rollback", "re-verify", "page resolve");
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::action).containsExactly("trigger",
                "resolve");
        PagerDutyEndpoint.Event trigger = pagerDuty.events().get(0);
        assertThat(trigger.dedupKey()).isEqualTo(pagerDuty.events().get(1).dedupKey())
                .startsWith("release-gate/shop/web/");
        assertThat(trigger.severity()).isEqualTo("error");
        assertThat(trigger.body().at("/payload/custom_details/verdict").asText()).isEqualTo("FAIL");
        assertThat(trigger.summary()).endsWith("; rolling back now");
        assertThat(trigger.body().at("/payload/custom_details/rollback/outcome").asText()).isEqualTo("STARTING");
        assertThat(trigger.body().at("/payload/custom_details/change/head").asText()).isEqualTo(head);
        assertThat(trigger.body().at("/links/0/href").asText()).isEqualTo("file:///reports/run.html");
        assertThat(run.reaction().pageAcceptedMs()).isBetween(0L, 1000L)
                .isLessThanOrEqualTo(run.reaction().rollbackStartMs());
        assertThat(run.reaction().rollbackStartMs()).isBetween(0L, 1000L);
        assertThat(new Outbox(dir.resolve("outbox.jsonl")).pending()).isEmpty();
        assertThat(serializedSize(run)).as("the Jenkins plugin keeps the run with the build").isPositive();
    }

    @Test
    void shouldNotReleaseAndNotCallItRecoveredWhenTheVerificationsAreInconclusive() throws Exception {
        // arrange: a healthy pool, but verify.rate 2 and verify.deadline 1500ms leave 3 of the 195 planned requests
        HttpBackend web3 = keep(HttpBackend.start("web-03"));
        EmbeddedBalancer lb = embedded();
        Scenario scenario = addWebThree(lb, web3, policy(lb.url().toString(), "").replace("rate: 200", "rate: 2")
                .replace("deadline: 10s", "deadline: 1500ms"));

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request(scenario, approve(scenario),
                apply(lb, haproxy(web1, web2, web3)), context -> rolledBack(lb)));

        // assert
        assertThat(run.outcome()).as(run.reason()).isEqualTo(GateOutcome.UNRECOVERED);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.verification().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(run.rollback().outcome()).isEqualTo(RollbackResult.Outcome.OK);
        assertThat(run.reverification().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(run.reason()).startsWith("verification INCONCLUSIVE (stopped by the 1500 ms deadline after ")
                .contains("; the pool did not recover after the rollback: stopped by the 1500 ms deadline after ");
        assertThat(run.timeline()).filteredOn(step -> step.name().equals("verify")).singleElement()
                .extracting(TimedStep::status).isEqualTo(TimedStep.Status.FAILED);
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::severity).containsExactly("error",
                "critical");
        assertThat(pagerDuty.events().get(0).body().at("/payload/custom_details/verdict").asText())
                .isEqualTo("INCONCLUSIVE");
        // the page lists what the cut-short run left undecided among the checks that did not pass
        List<String> failing = new ArrayList<>();
        pagerDuty.events().get(0).body().at("/payload/custom_details/failing checks")
                .forEach(check -> failing.add(check.asText()));
        assertThat(failing).anySatisfy(check -> assertThat(check).startsWith("INCONCLUSIVE sample web: stopped by "
                + "the 1500 ms deadline after "));
    }

    @Test
    void shouldShareOneRateBudgetAcrossTheVerificationsHealthProbesAndStatsReadsOfARun() throws Exception {
        // arrange: real HAProxy; the deploy puts web-02 in maintenance, the rollback restores it; each verification
        // probes both servers directly at /probe (3 probes each) and reads the stats page through a counting proxy
        int port = FreePorts.next();
        Path socket = dir.resolve("haproxy").resolve("haproxy.sock");
        String config = HaproxyProcess.roundRobinWeb(port, web1, web2);
        Files.createDirectories(socket.getParent());
        HaproxyProcess haproxy = keep(HaproxyProcess.start(socket.getParent(), config, port));
        io.releasegate.testing.CountingProxy stats = keep(io.releasegate.testing.CountingProxy.to(
                haproxy.statsCsvUrl()));
        Scenario scenario = longerServerTimeout(config, socket, policy("http://127.0.0.1:" + port + "/",
                "requests: 30\n  healthPath: /probe\n  stats: " + stats.url("/stats;csv")).replace("rate: 200",
                "rate: 20"));
        GateRequest request = new GateRequest(scenario.repo(), scenario.base(), scenario.head(), Optional.empty(),
                approve(scenario), "shop", webTwoIntoMaintenance(haproxy), null, haproxy.socket(),
                Secrets.from(Map.of("PD_KEY", KEY)), dir.resolve("outbox.jsonl"), null, null, true);

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request);

        // assert
        assertThat(run.outcome()).as(run.reason()).isEqualTo(GateOutcome.ROLLED_BACK);
        List<Long> arrivals = io.releasegate.testing.Arrivals.merged(web1.arrivals(), web2.arrivals(),
                stats.arrivals());
        // verify: 6 probes, 1 stats read, the requests until web-02's absence is certain; re-verify: 6, 1, 30; and
        // up to 3 requests per verification that were in flight when it was decided
        assertThat(stats.arrivals()).hasSize(2);
        int permits = 6 + 1 + (int) run.verification().requests() + 6 + 1 + 30;
        assertThat(arrivals.size()).isBetween(permits, permits + 2 * 3);
        // at most 20 start in any second; arriving, a request can be late by more than one permit's 50 ms on a busy
        // machine, so the count per second allows 2 more, and the span (late first arrival only) 200 ms less
        assertThat(io.releasegate.testing.Arrivals.maxInOneSecond(arrivals)).isLessThanOrEqualTo(20 + 2);
        assertThat(io.releasegate.testing.Arrivals.consistentWithRate(arrivals, 20, 200)).isTrue();
    }

    private static int serializedSize(Object value) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.size();
    }

    @Test
    void shouldExitThreeAndPageAtCriticalSeverityWhenTheRollbackFails() throws Exception {
        // arrange
        EmbeddedBalancer lb = embedded();
        Scenario scenario = scenario(lb, "expect: web-01,web-02");
        RollbackAction rollback = new CommandRollback("echo 'cannot reach the deploy host'; exit 7",
                Duration.ofSeconds(10));

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request(scenario, approve(scenario),
                apply(lb, haproxy(web1)), rollback));

        // assert
        assertThat(run.outcome()).isEqualTo(GateOutcome.UNRECOVERED);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.reason()).contains("the rollback failed: the rollback command failed with exit code 7");
        assertThat(run.rollback().output()).contains("cannot reach the deploy host");
        assertThat(run.rollback().outcome()).isEqualTo(RollbackResult.Outcome.FAILED);
        assertThat(run.reverification()).isNull();
        assertThat(run.pages()).extracting(page -> page.page().severity()).containsExactly(Severity.ERROR,
                Severity.CRITICAL);
        assertThat(run.pages().get(1).page().summary()).contains("is NOT RECOVERED: the rollback FAILED: the "
                + "rollback command failed with exit code 7");
        assertThat(run.pages()).allSatisfy(page -> assertThat(page.delivered()).isTrue());
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::severity).containsExactly("error",
                "critical");
        assertThat(pagerDuty.events().get(1).dedupKey()).isEqualTo(pagerDuty.events().get(0).dedupKey());
        assertThat(pagerDuty.events().get(1).body().at("/payload/custom_details/rollback/outcome").asText())
                .isEqualTo("FAILED");
        assertThat(pagerDuty.events().get(1).body().at("/payload/custom_details/rollback/exitCode").asInt())
                .isEqualTo(7);
    }

    @Test
    void shouldPageTheOnCallBeforeTheRollbackStarts() throws Exception {
        // arrange: a rollback that notes what the PagerDuty endpoint had received when it started
        EmbeddedBalancer lb = embedded();
        Scenario scenario = scenario(lb, "expect: web-01,web-02");
        List<String> seenByTheRollback = new ArrayList<>();
        RollbackAction rollback = context -> {
            pagerDuty.events().forEach(event -> seenByTheRollback.add(event.action() + " " + event.severity()));
            return rolledBack(lb);
        };

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request(scenario, approve(scenario),
                apply(lb, haproxy(web1)), rollback));

        // assert: the trigger was already accepted when the rollback began; the resolve came after recovery
        assertThat(run.outcome()).as(run.reason()).isEqualTo(GateOutcome.ROLLED_BACK);
        assertThat(seenByTheRollback).containsExactly("trigger error");
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::action).containsExactly("trigger",
                "resolve");
    }

    @Test
    void shouldExitThreeWithTheUndeliveredPagesInTheOutboxWhenEveryContactFails() throws Exception {
        // arrange: PagerDuty rejects the routing key (400, final), the webhook's port is closed (retried, then fails)
        EmbeddedBalancer lb = embedded();
        int closed = FreePorts.next();
        Scenario scenario = scenario(lb, "expect: web-01,web-02", """
                escalation:
                  chain: [oncall, hook]
                  contacts:
                    oncall:
                      type: pagerduty
                      routingKey: env:WRONG_KEY
                      baseUrl: %s
                    hook:
                      type: webhook
                      url: env:HOOK_URL
                  retry:
                    maxAttempts: 2
                    initialBackoffMs: 10
                    maxBackoffMs: 20
                    attemptTimeoutMs: 1000
                    deadlineMs: 2000
                """.formatted(pagerDuty.baseUrl()));
        Path outbox = dir.resolve("outbox.jsonl");
        GateRequest request = new GateRequest(scenario.repo(), scenario.base(), scenario.head(), Optional.empty(),
                approve(scenario), "shop", apply(lb, haproxy(web1)), context -> rolledBack(lb), null,
                Secrets.from(Map.of("WRONG_KEY", "ffffffffffffffffffffffffffffffff", "HOOK_URL",
                        "http://127.0.0.1:" + closed + "/hook")), outbox, null, null, true);

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request);

        // assert
        assertThat(run.outcome()).isEqualTo(GateOutcome.UNRECOVERED);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.reverification().verdict()).isEqualTo(Verdict.PASS);
        assertThat(run.reason()).endsWith("2 page(s) UNDELIVERED, kept in the outbox " + outbox);
        assertThat(run.undelivered()).extracting(result -> result.page().action())
                .containsExactly(PageAction.TRIGGER, PageAction.RESOLVE);
        assertThat(run.pages().get(0).attempts()).extracting(a -> a.contact()).containsExactly("oncall", "hook",
                "hook");
        assertThat(new Outbox(outbox).pending()).extracting(OutboxEntry::page)
                .extracting(page -> page.action()).containsExactly(PageAction.TRIGGER, PageAction.RESOLVE);
        assertThat(pagerDuty.events()).isEmpty();
        assertThat(pagerDuty.rejected()).isEqualTo(2);
    }

    @Test
    void shouldSendASecondCriticalTriggerWhenThePoolDoesNotRecover() throws Exception {
        // arrange: the "rollback" succeeds but changes nothing
        EmbeddedBalancer lb = embedded();
        Scenario scenario = scenario(lb, "expect: web-01,web-02");
        RollbackAction noop = new CommandRollback("true", Duration.ofSeconds(10));

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request(scenario, approve(scenario),
                apply(lb, haproxy(web1)), noop));

        // assert
        assertThat(run.outcome()).isEqualTo(GateOutcome.UNRECOVERED);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.reverification().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(run.reason()).contains("the pool did not recover after the rollback");
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::severity).containsExactly("error",
                "critical");
        assertThat(pagerDuty.events().get(1).summary()).contains("DID NOT RECOVER");
        assertThat(pagerDuty.events().get(1).body().at("/payload/custom_details/after rollback").asText())
                .startsWith("FAIL: ");
    }

    @Test
    void shouldPageCriticalAndExitThreeWithoutARollback() throws Exception {
        // arrange
        EmbeddedBalancer lb = embedded();
        Scenario scenario = scenario(lb, "expect: web-01,web-02");

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request(scenario, approve(scenario),
                apply(lb, haproxy(web1)), null));

        // assert
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.reason()).contains("no rollback is configured");
        assertThat(run.timeline()).filteredOn(step -> step.name().equals("rollback")).singleElement()
                .extracting(TimedStep::status).isEqualTo(TimedStep.Status.SKIPPED);
        assertThat(pagerDuty.events()).singleElement().satisfies(event -> {
            assertThat(event.severity()).isEqualTo("critical");
            assertThat(event.summary()).contains("NO ROLLBACK is configured");
        });
    }

    @Test
    void shouldRollBackWhenTheDeployCommandFails() throws Exception {
        // arrange
        EmbeddedBalancer lb = embedded();
        Scenario scenario = scenario(lb, "expect: web-01,web-02");
        DeployAction failing = new CommandDeploy("echo 'no route to deploy host' >&2; exit 4",
                Duration.ofSeconds(10));

        // act
        GateRun run = new GateRunner(new BufferedLog()).run(request(scenario, approve(scenario), failing,
                context -> rolledBack(lb)));

        // assert
        assertThat(run.outcome()).isEqualTo(GateOutcome.ROLLED_BACK);
        assertThat(run.deploy().reason()).isEqualTo("the deploy command failed with exit code 4");
        assertThat(run.deploy().output()).contains("no route to deploy host");
        assertThat(run.verification()).isNull();
        assertThat(run.reverification().verdict()).isEqualTo(Verdict.PASS);
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::action).containsExactly("trigger",
                "resolve");
        assertThat(pagerDuty.events().get(0).summary()).contains("the deploy FAILED");
    }

    @Test
    void shouldNotDeployAHeadWhosePoolHasNoServerThatTakesTraffic() throws Exception {
        // arrange
        EmbeddedBalancer lb = embedded();
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        repo.write("haproxy.cfg", haproxy(web1, web2)).write(".releasegate.yml", policy(lb.url().toString(), ""));
        String base = repo.commit("two servers");
        repo.write("haproxy.cfg", haproxy(web1, web2).replace(web1.address(), web1.address() + " disabled")
                .replace(web2.address(), web2.address() + " disabled"));
        String head = repo.commit("disable both");
        repo.close();
        Scenario scenario = new Scenario(repo.root(), base, head);
        AtomicInteger deploys = new AtomicInteger();

        // act + assert
        assertThatThrownBy(() -> new GateRunner(new BufferedLog()).run(request(scenario, approve(scenario),
                context -> {
                    deploys.incrementAndGet();
                    return new DeployResult("count", true, 0, "", 0, "counted");
                }, null))).isInstanceOf(GateInputException.class)
                .hasMessageContaining("the gate does not deploy").hasMessageContaining("has no server that takes "
                        + "traffic");
        assertThat(deploys).hasValue(0);
    }

    private io.releasegate.rollback.RollbackResult rolledBack(EmbeddedBalancer lb) {
        try {
            lb.apply("haproxy.cfg", haproxy(web1, web2));
            return io.releasegate.rollback.RollbackResult.ok("restore", null, "", 0, "restored");
        } catch (IOException e) {
            return io.releasegate.rollback.RollbackResult.failed("restore", null, false, "", 0, e.getMessage());
        }
    }

    private record Scenario(Path repo, String base, String head) {
    }

    /** A repository whose head adds web-03 to web-01 and web-02; the load balancer runs base. */
    private Scenario addWebThree(EmbeddedBalancer lb, HttpBackend web3, String policy) throws IOException {
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        repo.write("haproxy.cfg", haproxy(web1, web2)).write(".releasegate.yml", policy);
        String base = repo.commit("two servers");
        repo.write("haproxy.cfg", haproxy(web1, web2, web3));
        String head = repo.commit("add web-03");
        repo.close();
        lb.apply("haproxy.cfg", haproxy(web1, web2));
        return new Scenario(repo.root(), base, head);
    }

    /** A repository of the HAProxy {@code config} whose head only lengthens the server timeout. */
    private Scenario longerServerTimeout(String config, Path socket, String policy) throws IOException {
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        repo.write("haproxy.cfg", config.replace("${SOCKET}", socket.toString())).write(".releasegate.yml", policy);
        String base = repo.commit("the pool");
        repo.write("haproxy.cfg", config.replace("${SOCKET}", socket.toString()).replace("timeout server 10s",
                "timeout server 20s"));
        String head = repo.commit("longer server timeout");
        repo.close();
        return new Scenario(repo.root(), base, head);
    }

    /** The "deploy" of the incident: takes web-02 out for a test (MAINT over the runtime API) and never puts it back. */
    private static DeployAction webTwoIntoMaintenance(HaproxyProcess haproxy) {
        HaproxyRuntime runtime = new HaproxyRuntime(haproxy.socket(), Duration.ofSeconds(3));
        return context -> {
            try {
                runtime.setState("web", "web-02", AdminState.MAINT);
                return new DeployResult("take web-02 out for a test", true, null, "", 0, "web-02 in maint");
            } catch (Exception e) {
                return new DeployResult("take web-02 out for a test", false, null, "", 0, e.getMessage());
            }
        };
    }

    /** A repository whose head drops web-02; the load balancer runs base. */
    private Scenario scenario(EmbeddedBalancer lb, String verifyExtra) throws IOException {
        return scenario(lb, verifyExtra, pagerDutyEscalation());
    }

    private Scenario scenario(EmbeddedBalancer lb, String verifyExtra, String escalation)
            throws IOException {
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        repo.write("haproxy.cfg", haproxy(web1, web2)).write(".releasegate.yml", policy(lb.url().toString(),
                verifyExtra, escalation));
        String base = repo.commit("two servers");
        repo.write("haproxy.cfg", haproxy(web1));
        String head = repo.commit("take web-02 out for a test");
        repo.close();
        lb.apply("haproxy.cfg", haproxy(web1, web2));
        return new Scenario(repo.root(), base, head);
    }

    private GateRequest request(Scenario scenario, List<Approval> approvals, DeployAction deploy,
            RollbackAction rollback) {
        return new GateRequest(scenario.repo(), scenario.base(), scenario.head(), Optional.empty(), approvals, "shop",
                deploy, rollback, null, Secrets.from(Map.of("PD_KEY", KEY)), dir.resolve("outbox.jsonl"), null, null,
                true);
    }

    private static List<Approval> approve(Scenario scenario) throws Exception {
        String digest = ChangeAssessment.assess(scenario.repo(), scenario.base(), scenario.head(), Optional.empty(),
                false, new BufferedLog()).digest();
        return List.of(new Approval("alice", Set.of(), Decision.APPROVE, "looks right", Instant.now(), digest));
    }

    private static DeployAction apply(EmbeddedBalancer lb, String config) {
        return context -> {
            try {
                lb.apply("haproxy.cfg", config);
                return new DeployResult("reload", true, null, "", 0, "reloaded");
            } catch (IOException e) {
                return new DeployResult("reload", false, null, "", 0, e.getMessage());
            }
        };
    }

    private EmbeddedBalancer embedded() throws IOException {
        return keep(EmbeddedBalancer.start(0, "web"));
    }

    private static String haproxy(HttpBackend... backends) {
        StringBuilder text = new StringBuilder("frontend www\n    bind 127.0.0.1:18080\n    default_backend web\n\n"
                + "backend web\n    balance roundrobin\n");
        for (HttpBackend backend : backends) {
            text.append("    server ").append(backend.name()).append(' ').append(backend.address()).append('\n');
        }
        return text.toString();
    }

    private String policy(String lb, String verifyExtra) {
        return policy(lb, verifyExtra, pagerDutyEscalation());
    }

    private static String policy(String lb, String verifyExtra, String escalation) {
        return """
                version: 1
                review:
                  threshold: LOW
                  approvals: {LOW: 1, MEDIUM: 1, HIGH: 1, CRITICAL: 1}
                  reviewers: [alice]
                verify:
                  lb: %s
                  pool: web
                  rate: 200
                  concurrency: 4
                  deadline: 10s
                  %s
                """.formatted(lb, verifyExtra) + escalation;
    }

    private String pagerDutyEscalation() {
        return """
                escalation:
                  chain: [oncall]
                  contacts:
                    oncall:
                      type: pagerduty
                      routingKey: env:PD_KEY
                      baseUrl: %s
                  retry:
                    maxAttempts: 2
                    initialBackoffMs: 10
                    maxBackoffMs: 20
                    deadlineMs: 3000
                """.formatted(pagerDuty.baseUrl());
    }

    private <T extends AutoCloseable> T keep(T piece) {
        return pieces.keep(piece);
    }
}
