package io.releasegate.recovery;

import io.releasegate.log.LogSink;
import io.releasegate.log.TimedStep;
import io.releasegate.log.Timeline;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.rollback.RollbackAction;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.probe.RateBudget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The after-deploy state machine of both gates ({@code release-gate run} and the Jenkins steps):
 * <ol>
 *   <li>verify the pool as deployed; PASS ends here (and resolves an incident an earlier run left open);</li>
 *   <li>anything else (FAIL, ERROR, INCONCLUSIVE: a cut-short run, a verification that could not run) pages a trigger
 *       at once, before anything is rolled back: {@code error} when a rollback follows, {@code critical} when none
 *       is configured;</li>
 *   <li>roll back; a rollback that fails or does not start pages a {@code critical} trigger;</li>
 *   <li>verify again; PASS resolves the incident, anything else pages a {@code critical} trigger.</li>
 * </ol>
 * Both verifications take their permits from the run's one {@link RateBudget}. Every step is timed on the
 * {@link Timeline}. Never throws for a failing step; its ports report what happened. A port that throws
 * {@link CancellationException} (the build was aborted) cancels the whole recovery.
 */
public final class Recovery {
    private final PoolVerifier verifier;
    private final RateBudget budget;
    private final RollbackAction rollback;
    private final PageSender pager;
    private final Clock clock;
    private final LogSink log;
    private final Timeline timeline;

    private Recovery(Builder builder) {
        this.verifier = builder.verifier;
        this.budget = builder.budget;
        this.rollback = builder.rollback;
        this.pager = builder.pager;
        this.clock = builder.clock;
        this.log = builder.log;
        this.timeline = builder.timeline;
    }

    /**
     * A recovery that verifies with {@code verifier} under {@code budget} and logs to {@code log}; no rollback and no
     * pager yet.
     *
     * @param budget the rate budget of the run this recovery is part of (created once per run, e.g. with
     *               {@link io.releasegate.verify.VerificationSpec#rateBudget})
     */
    public static Builder builder(PoolVerifier verifier, RateBudget budget, LogSink log) {
        return new Builder(verifier, budget, log);
    }

    /** Verifies the deployed pool and, unless it passes, recovers. */
    public RecoveryResult afterDeploy(Incident incident, RollbackContext context) {
        Run run = new Run(incident);
        long start = timeline.now();
        String problem = null;
        try {
            run.verification = verifier.verify(Stage.AFTER_DEPLOY, budget, log);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            problem = message(e);
        }
        boolean passed = run.verification != null && run.verification.verdict().passed();
        timeline.record("verify", passed ? TimedStep.Status.OK : TimedStep.Status.FAILED, start,
                run.verification == null ? "could not verify: " + problem : run.verification.verdict() + ": "
                        + VerificationWords.describe(run.verification));
        if (passed) {
            if (incident.earlierOpen() != null) {
                run.send(run.pages.resolveEarlier(clock.instant()), "page resolve");
            }
            return run.finish(RecoveryResult.Outcome.PASSED, "verified: "
                    + VerificationWords.describe(run.verification), null);
        }
        String failure = run.verification == null ? "the verification could not run (" + problem + ")"
                : "verification " + run.verification.verdict() + " (" + VerificationWords.firstReason(
                        run.verification) + ")";
        return recover(run, failure, context);
    }

    /** Recovers from a deploy that failed before anything could be verified. */
    public RecoveryResult afterFailedDeploy(Incident incident, RollbackContext context, String failure) {
        Run run = new Run(incident);
        timeline.skip("verify", "the deploy failed");
        return recover(run, failure, context);
    }

    private RecoveryResult recover(Run run, String failure, RollbackContext context) {
        long failedAt = timeline.now();
        log.warn("gate: %s; paging, then %s", failure, rollback == null ? "nothing to roll back" : "rolling back");
        PageResult trigger = run.send(run.pages.failed(failure, run.verification, rollback != null,
                clock.instant()), "page trigger");
        long pageAcceptedMs = trigger != null && trigger.delivered() ? timeline.now() - failedAt : -1;
        if (rollback == null) {
            timeline.skip("rollback", "no rollback is configured");
            timeline.skip("re-verify", "nothing was rolled back");
            return run.finish(RecoveryResult.Outcome.UNRECOVERED, failure + "; no rollback is configured",
                    new ReactionTimes(pageAcceptedMs, -1, 0));
        }
        long rollbackStart = timeline.now();
        run.rollback = rollback.run(context);
        timeline.record("rollback", run.rollback.rolledBack() ? TimedStep.Status.OK : TimedStep.Status.FAILED,
                rollbackStart, run.rollback.outcome() + ": " + run.rollback.reason());
        ReactionTimes reaction = new ReactionTimes(pageAcceptedMs, rollbackStart - failedAt,
                run.rollback.durationMs());
        if (!run.rollback.rolledBack()) {
            timeline.skip("re-verify", "nothing was rolled back: the rollback "
                    + (run.rollback.outcome() == RollbackResult.Outcome.NOT_STARTED ? "did not start" : "failed"));
            run.send(run.pages.rollbackFailed(run.verification, run.rollback, clock.instant()), "page trigger");
            String why = run.rollback.outcome() == RollbackResult.Outcome.NOT_STARTED
                    ? "the rollback did not start: " : "the rollback failed: ";
            return run.finish(RecoveryResult.Outcome.UNRECOVERED, failure + "; " + why + run.rollback.reason(),
                    reaction);
        }
        long start = timeline.now();
        String problem = null;
        try {
            run.reverification = verifier.verify(Stage.AFTER_ROLLBACK, budget, log);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            problem = "cannot verify the pool after the rollback: " + message(e);
        }
        boolean recovered = run.reverification != null && run.reverification.verdict().passed();
        timeline.record("re-verify", recovered ? TimedStep.Status.OK : TimedStep.Status.FAILED, start,
                run.reverification == null ? problem : run.reverification.verdict() + ": "
                        + VerificationWords.describe(run.reverification));
        if (recovered) {
            run.send(run.pages.resolved(clock.instant()), "page resolve");
            return run.finish(RecoveryResult.Outcome.RECOVERED, failure + "; rolled back and recovered", reaction);
        }
        run.send(run.pages.notRecovered(run.verification, run.rollback, run.reverification, problem,
                clock.instant()), "page trigger");
        return run.finish(RecoveryResult.Outcome.UNRECOVERED, failure + "; the pool did not recover after the "
                + "rollback: " + (run.reverification == null ? problem
                        : VerificationWords.firstReason(run.reverification)), reaction);
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The state of one recovery while it goes. */
    private final class Run {
        final Incident incident;
        final IncidentPages pages;
        final List<PageResult> sent = new ArrayList<>();
        VerificationResult verification;
        RollbackResult rollback;
        VerificationResult reverification;
        final int firstStep;

        Run(Incident incident) {
            this.incident = Objects.requireNonNull(incident, "incident");
            this.pages = new IncidentPages(incident);
            this.firstStep = timeline.steps().size();
        }

        /** Sends a page now and times it; null when paging is disabled. */
        PageResult send(Page page, String step) {
            if (pager.disabledBecause().isPresent()) {
                timeline.skip(step, "not paged: " + pager.disabledBecause().get());
                return null;
            }
            long start = timeline.now();
            PageResult result = pager.send(page);
            sent.add(result);
            timeline.record(step, result.delivered() ? TimedStep.Status.OK : TimedStep.Status.FAILED, start,
                    page.severity().wire() + " " + page.dedupKey() + ": " + result.reason());
            return result;
        }

        RecoveryResult finish(RecoveryResult.Outcome outcome, String reason, ReactionTimes reaction) {
            List<TimedStep> steps = timeline.steps();
            return new RecoveryResult(incident.pool(), outcome, reason, verification, rollback, reverification, sent,
                    reaction, pages.dedupKey(), steps.subList(firstStep, steps.size()));
        }
    }

    /** Builds a {@link Recovery}: the verifier, budget and log are required, everything else has a default. */
    public static final class Builder {
        private final PoolVerifier verifier;
        private final RateBudget budget;
        private final LogSink log;
        private RollbackAction rollback;
        private PageSender pager = PageSender.disabled("no escalation contact is configured");
        private Clock clock = Clock.systemUTC();
        private Timeline timeline;

        private Builder(PoolVerifier verifier, RateBudget budget, LogSink log) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            this.budget = Objects.requireNonNull(budget, "budget");
            this.log = Objects.requireNonNull(log, "log");
        }

        /** The rollback; null: none is configured. */
        public Builder rollback(RollbackAction value) {
            this.rollback = value;
            return this;
        }

        public Builder pager(PageSender value) {
            this.pager = Objects.requireNonNull(value, "pager");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The timeline the steps are recorded on (a gate run's); default: a new one. */
        public Builder timeline(Timeline value) {
            this.timeline = Objects.requireNonNull(value, "timeline");
            return this;
        }

        public Recovery build() {
            if (timeline == null) {
                timeline = new Timeline();
            }
            return new Recovery(this);
        }
    }
}
