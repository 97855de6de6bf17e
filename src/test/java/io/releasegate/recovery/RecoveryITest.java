package io.releasegate.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.drill.EmbeddedBalancer;
import io.releasegate.drill.PagerDutyEndpoint;
import io.releasegate.log.BufferedLog;
import io.releasegate.log.TimedStep;
import io.releasegate.paging.Contact;
import io.releasegate.paging.ContactConfig;
import io.releasegate.paging.Escalation;
import io.releasegate.paging.PageAction;
import io.releasegate.paging.Paging;
import io.releasegate.paging.RetryPolicy;
import io.releasegate.paging.Secrets;
import io.releasegate.rollback.CommandRollback;
import io.releasegate.rollback.RollbackAction;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.testing.HttpBackend;
import io.releasegate.testing.Pieces;
import io.releasegate.verify.Verdict;
import io.releasegate.verify.VerificationSpec;
import io.releasegate.verify.Verifier;
import io.releasegate.verify.probe.RateBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery engine that both gates use, on real pieces: two HTTP backends behind the embedded round-robin proxy,
 * the engine's verifier through it, shell rollbacks, and a local endpoint speaking the PagerDuty Events API v2.
 */
class RecoveryITest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final ChangeFacts CHANGE = new ChangeFacts("1111111111111111", "2222222222222222",
            "sha256:abcdef0123456789abcdef", "CRITICAL", List.of("CRITICAL SINGLE_POINT_OF_FAILURE: one server"));
    private final Pieces pieces = new Pieces();
    private HttpBackend web1;
    private HttpBackend web2;
    private EmbeddedBalancer lb;
    private PagerDutyEndpoint pagerDuty;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        web1 = keep(HttpBackend.start("web-01"));
        web2 = keep(HttpBackend.start("web-02"));
        lb = keep(EmbeddedBalancer.start(0, "web"));
        pagerDuty = keep(PagerDutyEndpoint.start(KEY));
    }

    @AfterEach
    void stop() throws Exception {
        pieces.close();
    }

    @Test
    void shouldPageAtOnceThenRollBackVerifyAgainAndResolve() throws Exception {
        // arrange: the deploy left web-02 out; the rollback puts it back and notes what was paged by then
        serve(web1);
        List<String> pagedBeforeTheRollback = new ArrayList<>();
        RollbackAction rollback = context -> {
            pagerDuty.events().forEach(event -> pagedBeforeTheRollback.add(event.action() + " " + event.severity()));
            return restore();
        };

        // act
        RecoveryResult result = recovery(rollback).afterDeploy(incident(null), context(dir));

        // assert
        assertThat(result.outcome()).as(result.reason()).isEqualTo(RecoveryResult.Outcome.RECOVERED);
        assertThat(pagedBeforeTheRollback).containsExactly("trigger error");
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::action).containsExactly("trigger",
                "resolve");
        assertThat(result.verification().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.verification().missing()).containsExactly("web-02");
        assertThat(result.rolledBack()).isTrue();
        assertThat(result.reverification().verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.incidentOpen()).isFalse();
        assertThat(result.steps()).extracting(TimedStep::name).containsExactly("verify", "page trigger", "rollback",
                "re-verify", "page resolve");
        assertThat(result.reaction().pageAcceptedMs()).isLessThanOrEqualTo(result.reaction().rollbackStartMs());
        assertThat(result.summary()).startsWith("verification of web FAIL; rolled back, and the pool verifies "
                + "again (web-02 got none of");
    }

    @Test
    void shouldNeverClaimARollbackThatDidNotStart() throws Exception {
        // arrange: the rollback's working directory does not exist (a Jenkins workspace nobody created)
        serve(web1);
        RollbackAction rollback = new CommandRollback("touch restored", Duration.ofSeconds(10));

        // act
        RecoveryResult result = recovery(rollback).afterDeploy(incident(null), context(dir.resolve("missing")));

        // assert: not rolled back, not verified again, escalated at critical with the reason
        assertThat(result.outcome()).isEqualTo(RecoveryResult.Outcome.UNRECOVERED);
        assertThat(result.rollback().outcome()).isEqualTo(RollbackResult.Outcome.NOT_STARTED);
        assertThat(result.rolledBack()).isFalse();
        assertThat(result.reverification()).isNull();
        assertThat(result.reason()).contains("; the rollback did not start: the rollback command could not be "
                + "started: its working directory " + dir.resolve("missing") + " does not exist");
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::severity).containsExactly("error",
                "critical");
        assertThat(pagerDuty.events().get(1).summary()).contains("the rollback DID NOT START");
        assertThat(pagerDuty.events().get(1).body().at("/payload/custom_details/rollback/outcome").asText())
                .isEqualTo("NOT_STARTED");
        assertThat(result.steps()).filteredOn(step -> step.name().equals("re-verify")).singleElement()
                .satisfies(step -> assertThat(step.detail()).isEqualTo("nothing was rolled back: the rollback did "
                        + "not start"));
        assertThat(result.incidentOpen()).isTrue();
        assertThat(result.summary()).contains("; the rollback DID NOT START: ");
    }

    @Test
    void shouldTreatAVerdictOtherThanPassAsAFailure() throws Exception {
        // arrange: both backends carry their share, but the drift check cannot read the runtime socket: ERROR
        serve(web1, web2);
        VerificationSpec spec = spec().haproxySocket(dir.resolve("no-such.sock").toString()).build();
        RollbackAction rollback = new CommandRollback("true", Duration.ofSeconds(10));

        // act
        RecoveryResult result = recovery(spec, rollback).afterDeploy(incident(null), context(dir));

        // assert
        assertThat(result.verification().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.outcome()).isEqualTo(RecoveryResult.Outcome.UNRECOVERED);
        assertThat(result.rolledBack()).isTrue();
        assertThat(result.reverification().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::severity).containsExactly("error",
                "critical");
        assertThat(pagerDuty.events().get(1).summary()).contains("DID NOT RECOVER after the rollback");
    }

    @Test
    void shouldRecoverWhenTheVerificationItselfCannotRun() throws Exception {
        // arrange: the verifier's port fails (a Jenkins agent that went away)
        serve(web1, web2);
        VerificationSpec spec = spec().build();
        Verifier verifier = new Verifier();
        int[] calls = {0};
        PoolVerifier flaky = (stage, budget, log) -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("the agent's channel is closed");
            }
            return spec.verify(verifier, Optional.of(pool()), budget, log);
        };

        // act
        RecoveryResult result = Recovery.builder(flaky, spec.rateBudget(), new BufferedLog())
                .rollback(new CommandRollback("true", Duration.ofSeconds(10))).pager(pager()).build()
                .afterDeploy(incident(null), context(dir));

        // assert: paged, rolled back, verified again and resolved
        assertThat(result.verification()).isNull();
        assertThat(result.verdict()).isEqualTo("NOT VERIFIED");
        assertThat(result.outcome()).isEqualTo(RecoveryResult.Outcome.RECOVERED);
        assertThat(result.reason()).startsWith("the verification could not run (the agent's channel is closed)");
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::action).containsExactly("trigger",
                "resolve");
        assertThat(pagerDuty.events().get(0).body().at("/payload/custom_details/verdict").asText())
                .isEqualTo("not verified");
    }

    @Test
    void shouldPageCriticalAtOnceWithoutARollbackAndLeaveTheIncidentOpen() throws Exception {
        // arrange
        serve(web1);

        // act
        RecoveryResult result = recovery(null).afterDeploy(incident(null), context(dir));

        // assert
        assertThat(result.outcome()).isEqualTo(RecoveryResult.Outcome.UNRECOVERED);
        assertThat(result.rollback()).isNull();
        assertThat(pagerDuty.events()).singleElement().satisfies(event -> {
            assertThat(event.severity()).isEqualTo("critical");
            assertThat(event.summary()).endsWith("; NO ROLLBACK is configured");
            assertThat(event.dedupKey()).isEqualTo("release-gate/shop/web/abcdef012345");
        });
        assertThat(result.incidentOpen()).isTrue();
        assertThat(result.incidentKey()).isEqualTo("release-gate/shop/web/abcdef012345");
    }

    @Test
    void shouldResolveTheIncidentAnEarlierRunLeftOpenWhenThePoolPasses() throws Exception {
        // arrange: a monitor's run (no change) after a failed one
        serve(web1, web2);

        // act
        RecoveryResult result = recovery(null).afterDeploy(new Incident("lb-monitor", "web", null, null,
                "release-gate/lb-monitor/web"), context(dir));

        // assert
        assertThat(result.outcome()).isEqualTo(RecoveryResult.Outcome.PASSED);
        assertThat(result.pages()).singleElement().satisfies(page -> {
            assertThat(page.page().action()).isEqualTo(PageAction.RESOLVE);
            assertThat(page.page().dedupKey()).isEqualTo("release-gate/lb-monitor/web");
        });
        assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::action).containsExactly("resolve");
        assertThat(result.incidentOpen()).isFalse();
        assertThat(result.summary()).startsWith("verification of web PASS: ");
    }

    @Test
    void shouldSayWhyNothingIsPagedAndStillRollBack() throws Exception {
        // arrange
        serve(web1);

        // act
        RecoveryResult result = Recovery.builder(verifier(spec().build()), spec().build().rateBudget(),
                new BufferedLog())
                .rollback(context -> restore()).pager(PageSender.disabled("page: false")).build()
                .afterDeploy(incident(null), context(dir));

        // assert
        assertThat(result.outcome()).isEqualTo(RecoveryResult.Outcome.RECOVERED);
        assertThat(result.pages()).isEmpty();
        assertThat(pagerDuty.events()).isEmpty();
        assertThat(result.steps()).filteredOn(step -> step.name().startsWith("page")).extracting(TimedStep::detail)
                .containsExactly("not paged: page: false", "not paged: page: false");
    }

    @Test
    void shouldRecoverFromAFailedDeployWithoutVerifyingIt() throws Exception {
        // arrange
        serve(web1);

        // act
        RecoveryResult result = recovery(context -> restore()).afterFailedDeploy(incident("file:///r.html"),
                context(dir), "the deploy FAILED (exit 4)");

        // assert
        assertThat(result.outcome()).isEqualTo(RecoveryResult.Outcome.RECOVERED);
        assertThat(result.verification()).isNull();
        assertThat(pagerDuty.events().get(0).summary()).isEqualTo("release-gate shop: the deploy FAILED (exit 4) "
                + "after deploying 2222222222 to pool web; rolling back now");
        assertThat(pagerDuty.events().get(0).body().at("/links/0/href").asText()).isEqualTo("file:///r.html");
        assertThat(result.steps()).extracting(TimedStep::name).containsExactly("verify", "page trigger", "rollback",
                "re-verify", "page resolve");
    }

    @Test
    void shouldStopWhenTheRunIsCancelledWithoutPagingOrRollingBack() {
        // arrange: the verifier's port reports that the build was aborted
        int[] rollbacks = {0};
        Recovery recovery = Recovery.builder((stage, budget, log) -> {
            throw new java.util.concurrent.CancellationException("the build was aborted");
        }, RateBudget.perSecond(200), new BufferedLog()).rollback(context -> {
            rollbacks[0]++;
            return restore();
        }).pager(pager()).build();

        // act + assert
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> recovery.afterDeploy(incident(null), context(dir)))
                .isInstanceOf(java.util.concurrent.CancellationException.class).hasMessage("the build was aborted");
        assertThat(rollbacks[0]).isZero();
        assertThat(pagerDuty.events()).isEmpty();
    }

    @Test
    void shouldVerifyAfterTheDeployAndAfterTheRollbackUnderTheOneBudgetOfTheRun() throws Exception {
        // arrange: the deploy left web-02 out, the rollback puts it back; the verifier notes the budget of each call
        serve(web1);
        VerificationSpec spec = spec().build();
        Verifier verifier = new Verifier();
        RateBudget runBudget = spec.rateBudget();
        List<Stage> stages = new ArrayList<>();
        List<RateBudget> budgets = new ArrayList<>();
        PoolVerifier noting = (stage, budget, log) -> {
            stages.add(stage);
            budgets.add(budget);
            return spec.verify(verifier, Optional.of(pool()), budget, log);
        };

        // act
        RecoveryResult result = Recovery.builder(noting, runBudget, new BufferedLog()).rollback(context -> restore())
                .pager(pager()).build().afterDeploy(incident(null), context(dir));

        // assert: both verifications took their permits from the run's budget, not from one of their own
        assertThat(result.outcome()).isEqualTo(RecoveryResult.Outcome.RECOVERED);
        assertThat(stages).containsExactly(Stage.AFTER_DEPLOY, Stage.AFTER_ROLLBACK);
        assertThat(budgets).hasSize(2).allSatisfy(budget -> assertThat(budget).isSameAs(runBudget));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Recovery recovery(RollbackAction rollback) {
        return recovery(spec().build(), rollback);
    }

    private Recovery recovery(VerificationSpec spec, RollbackAction rollback) {
        return Recovery.builder(verifier(spec), spec.rateBudget(), new BufferedLog()).rollback(rollback)
                .pager(pager()).build();
    }

    private PoolVerifier verifier(VerificationSpec spec) {
        Verifier verifier = new Verifier();
        return (stage, budget, log) -> spec.verify(verifier, Optional.of(pool()), budget, log);
    }

    private VerificationSpec.Builder spec() {
        return VerificationSpec.builder(lb.url().toString()).rate(200).deadline(Duration.ofSeconds(10));
    }

    private PageSender pager() {
        BufferedLog log = new BufferedLog();
        Contact oncall = new Contact("oncall", new ContactConfig.PagerDuty("oncall", "env:PD_KEY",
                pagerDuty.baseUrl().toString(), null).pager(Secrets.from(Map.of("PD_KEY", KEY))));
        RetryPolicy retry = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(1));
        return new Paging(new Escalation(List.of(oncall), retry, log), null, log)::send;
    }

    private Pool pool() {
        return new Pool("web", "roundrobin", "", "haproxy.cfg", 1, List.of(
                Server.builder("web-01").address("127.0.0.1", web1.port()).build(),
                Server.builder("web-02").address("127.0.0.1", web2.port()).build()));
    }

    private static Incident incident(String link) {
        return new Incident("shop", "web", CHANGE, link, null);
    }

    private static RollbackContext context(Path workingDirectory) {
        return new RollbackContext(CHANGE.base(), CHANGE.head(), "web", workingDirectory);
    }

    private void serve(HttpBackend... backends) throws IOException {
        StringBuilder config = new StringBuilder("backend web\n    balance roundrobin\n");
        for (HttpBackend backend : backends) {
            config.append("    server ").append(backend.name()).append(' ').append(backend.address()).append('\n');
        }
        lb.apply("haproxy.cfg", config.toString());
    }

    private RollbackResult restore() {
        try {
            serve(web1, web2);
            return RollbackResult.ok("restore both", null, "", 0, "restored");
        } catch (IOException e) {
            return RollbackResult.failed("restore both", null, false, "", 0, e.getMessage());
        }
    }

    private <T extends AutoCloseable> T keep(T piece) {
        return pieces.keep(piece);
    }
}
