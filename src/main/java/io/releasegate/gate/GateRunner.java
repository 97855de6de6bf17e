package io.releasegate.gate;

import io.releasegate.diff.Author;
import io.releasegate.diff.RepositoryException;
import io.releasegate.log.LogSink;
import io.releasegate.policy.ChangeReport;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.policy.Policy;
import io.releasegate.policy.PolicyException;
import io.releasegate.rollback.HaproxyRestoreRollback;
import io.releasegate.paging.Outbox;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.paging.Paging;
import io.releasegate.rollback.RollbackAction;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.signoff.ChangeUnderReview;
import io.releasegate.signoff.SignOff;
import io.releasegate.signoff.SignOffDecision;
import io.releasegate.signoff.SignOffPolicy;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.Verdict;
import io.releasegate.verify.Verifier;
import io.releasegate.live.HaproxyRuntime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the whole gate: diff and policy, sign-off, deploy, verify, and on failure roll back, verify again and page
 * the escalation chain. Each step is timed on a {@link Timeline}. Never throws for a failing step; only bad input
 * (exit code 2) is an exception.
 */
public final class GateRunner {
    private final Verifier verifier;
    private final Clock clock;
    private final LogSink log;

    public GateRunner(LogSink log) {
        this(new Verifier(), Clock.systemUTC(), log);
    }

    public GateRunner(Verifier verifier, Clock clock, LogSink log) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    public GateRun run(GateRequest request) throws GateInputException {
        return run(request, GateInputs.read(request.repository(), request.base(), request.head(),
                request.policyFile(), request.secrets()));
    }

    /** A run with inputs read before (e.g. to size the deploy and rollback timeouts from the policy). */
    public GateRun run(GateRequest request, GateInputs inputs) throws GateInputException {
        Instant started = clock.instant();
        Timeline timeline = new Timeline();
        long diffStart = timeline.now();
        ChangeReport change = review(request);
        timeline.record("diff", GateStep.Status.OK, diffStart, change.risk() + ", " + change.changes().size()
                + " change(s), digest " + change.digest() + (change.reviewRequired()
                        ? ", review required (" + change.requiredApprovals() + " approval(s))"
                        : ", no review required"));
        Paging paging = paging(inputs, request);
        if (paging != null) {
            paging.prepare();
        }
        RollbackAction rollback = rollback(request, inputs);
        Run run = new Run(request, inputs, change, timeline, started);

        long signOffStart = timeline.now();
        if (change.reviewRequired()) {
            run.signOff = signOff(change, inputs.policy(), request);
            boolean released = run.signOff.isReleased();
            timeline.record("sign-off", released ? GateStep.Status.OK : GateStep.Status.FAILED, signOffStart,
                    run.signOff.summary());
            if (!released) {
                return run.finish(GateOutcome.BLOCKED, "blocked before the deploy: " + run.signOff.summary());
            }
        } else {
            timeline.skip("sign-off", "no review required (risk " + change.risk() + ")");
        }

        try {
            new PoolVerification(verifier, inputs.settings()).expected(inputs.headPool());
        } catch (IllegalArgumentException e) {
            throw new GateInputException("nothing to verify after the deploy, so the gate does not deploy: "
                    + e.getMessage(), e);
        }
        RollbackContext context = new RollbackContext(change.diff().base(), change.diff().head(),
                inputs.settings().pool(), request.repository());
        long deployStart = timeline.now();
        log.info("gate: deploying %s", GatePages.shortSha(change.diff().head()));
        run.deploy = request.deploy().deploy(context);
        timeline.record("deploy", run.deploy.succeeded() ? GateStep.Status.OK : GateStep.Status.FAILED, deployStart,
                run.deploy.reason());
        String failure;
        if (run.deploy.succeeded()) {
            PoolVerification verification = new PoolVerification(verifier, inputs.settings());
            long verifyStart = timeline.now();
            run.verification = verification.verify(inputs.headPool(), log);
            boolean passed = run.verification.verdict() == Verdict.PASS;
            timeline.record("verify", passed ? GateStep.Status.OK : GateStep.Status.FAILED, verifyStart,
                    run.verification.verdict() + ": " + describe(run.verification));
            if (passed) {
                return run.finish(GateOutcome.RELEASED, "released and verified: " + describe(run.verification));
            }
            failure = "verification " + run.verification.verdict() + " (" + GatePages.firstReason(run.verification)
                    + ")";
        } else {
            timeline.skip("verify", "the deploy failed");
            failure = "the deploy FAILED (" + run.deploy.reason() + ")";
        }
        return recover(run, failure, context, rollback, paging);
    }

    private GateRun recover(Run run, String failure, RollbackContext context, RollbackAction action,
            Paging paging) {
        Timeline timeline = run.timeline;
        long failedAt = timeline.now();
        GatePages pages = new GatePages(run.request.gate(), run.inputs.settings().pool(), run.change,
                run.request.reportLink());
        long rollbackStart = -1;
        if (action != null) {
            rollbackStart = timeline.now();
            log.warn("gate: %s; rolling back", failure);
            run.rollback = action.run(context);
            timeline.record("rollback", run.rollback.succeeded() ? GateStep.Status.OK : GateStep.Status.FAILED,
                    rollbackStart, run.rollback.reason());
        } else {
            timeline.skip("rollback", "no rollback configured (--rollback CMD or --restore-haproxy SOCKET)");
        }
        boolean rolledBack = run.rollback != null && run.rollback.succeeded();
        PageResult first = send(paging, pages.failed(failure, run.verification, run.rollback, clock.instant()),
                "page trigger", run);
        long pageAccepted = first != null && first.delivered() ? timeline.now() - failedAt : -1;
        run.recovery = new Recovery(rollbackStart < 0 ? -1 : rollbackStart - failedAt,
                run.rollback == null ? 0 : run.rollback.durationMs(), pageAccepted);

        boolean recovered = false;
        if (rolledBack) {
            long start = timeline.now();
            try {
                run.reverification = new PoolVerification(verifier, run.inputs.settings())
                        .verify(run.inputs.basePool().orElse(run.inputs.headPool()), log);
                recovered = run.reverification.verdict() == Verdict.PASS;
                timeline.record("re-verify", recovered ? GateStep.Status.OK : GateStep.Status.FAILED, start,
                        run.reverification.verdict() + ": " + describe(run.reverification));
            } catch (IllegalArgumentException e) {
                timeline.record("re-verify", GateStep.Status.FAILED, start, "cannot verify the base revision's "
                        + "pool: " + e.getMessage());
            }
            if (recovered) {
                send(paging, pages.resolved(clock.instant()), "page resolve", run);
            } else {
                send(paging, pages.notRecovered(run.verification, run.rollback, run.reverification,
                        clock.instant()), "page trigger", run);
            }
        } else {
            timeline.skip("re-verify", run.rollback == null ? "nothing was rolled back" : "the rollback failed");
        }
        List<PageResult> undelivered = run.pages.stream().filter(page -> !page.delivered()).toList();
        String paged = paging == null ? "NOT PAGED: the policy has no escalation: section"
                : undelivered.isEmpty() ? "paged " + pages.dedupKey()
                : undelivered.size() + " page(s) UNDELIVERED" + (run.request.outbox() == null ? ""
                        : ", kept in the outbox " + run.request.outbox());
        if (recovered && paging != null && undelivered.isEmpty()) {
            return run.finish(GateOutcome.ROLLED_BACK, failure + "; rolled back and recovered; " + paged
                    + " (trigger, then resolve)");
        }
        String why = run.rollback == null ? "no rollback is configured"
                : !rolledBack ? "the rollback failed: " + run.rollback.reason()
                : !recovered ? "the pool did not recover after the rollback: " + (run.reverification == null
                        ? "the base revision's pool cannot be verified" : GatePages.firstReason(run.reverification))
                : "rolled back and recovered";
        return run.finish(GateOutcome.UNRECOVERED, failure + "; " + why + "; " + paged);
    }

    private PageResult send(Paging paging, Page page, String step, Run run) {
        if (paging == null) {
            run.timeline.skip(step, "no escalation: section in the policy");
            return null;
        }
        long start = run.timeline.now();
        PageResult result = paging.send(page);
        run.pages.add(result);
        run.timeline.record(step, result.delivered() ? GateStep.Status.OK : GateStep.Status.FAILED, start,
                page.severity().wire() + " " + page.dedupKey() + ": " + result.reason());
        return result;
    }

    private ChangeReport review(GateRequest request) throws GateInputException {
        try {
            return ChangeAssessment.assess(request.repository(), request.base(), request.head(), request.policyFile(),
                    false, log);
        } catch (RepositoryException | PolicyException e) {
            throw new GateInputException(e.getMessage(), e);
        }
    }

    private SignOffDecision signOff(ChangeReport change, Policy policy, GateRequest request) {
        List<Author> authors = change.diff().authors();
        SignOffPolicy rules = SignOffPolicy.of(String.join(",", policy.reviewers()), change.requiredApprovals(),
                policy.approvalMaxAge().orElse(null));
        return SignOff.evaluate(new ChangeUnderReview(change.digest(), authors, null), rules, request.approvals(),
                clock.instant());
    }

    private Paging paging(GateInputs inputs, GateRequest request) throws GateInputException {
        if (inputs.escalation().isEmpty()) {
            return null;
        }
        try {
            return new Paging(inputs.escalation().get().escalation(request.secrets(), log),
                    request.outbox() == null ? null : new Outbox(request.outbox()), clock, log);
        } catch (IllegalArgumentException e) {
            throw new GateInputException("escalation: " + e.getMessage(), e);
        }
    }

    private static RollbackAction rollback(GateRequest request, GateInputs inputs) throws GateInputException {
        if (request.restoreSocket() == null) {
            return request.rollback();
        }
        if (inputs.basePool().isEmpty()) {
            throw new GateInputException("--restore-haproxy: pool " + inputs.settings().pool()
                    + " is not declared at the base revision, so there is nothing to restore");
        }
        return new HaproxyRestoreRollback(new HaproxyRuntime(request.restoreSocket(), inputs.settings().timeout()),
                inputs.basePool().get());
    }

    private static String describe(VerificationResult result) {
        return result.requests() + " requests, " + result.errors() + " errors, observed " + result.observed()
                + (result.reasons().isEmpty() ? "" : "; " + String.join("; ", result.reasons()));
    }

    /** The state of one run while it goes. */
    private static final class Run {
        final GateRequest request;
        final GateInputs inputs;
        final ChangeReport change;
        final Timeline timeline;
        final Instant started;
        final List<PageResult> pages = new ArrayList<>();
        SignOffDecision signOff;
        DeployResult deploy;
        VerificationResult verification;
        RollbackResult rollback;
        VerificationResult reverification;
        Recovery recovery;

        Run(GateRequest request, GateInputs inputs, ChangeReport change, Timeline timeline, Instant started) {
            this.request = request;
            this.inputs = inputs;
            this.change = change;
            this.timeline = timeline;
            this.started = started;
        }

        GateRun finish(GateOutcome outcome, String reason) {
            return new GateRun(request.gate(), inputs.settings().pool(), outcome, reason, started, timeline.now(),
                    change, signOff, deploy, verification, rollback, reverification, pages, recovery,
                    timeline.steps());
        }
    }
}
