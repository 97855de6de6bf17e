package io.releasegate.gate;

import io.releasegate.diff.Author;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryException;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.log.LogSink;
import io.releasegate.log.TimedStep;
import io.releasegate.log.Timeline;
import io.releasegate.paging.Outbox;
import io.releasegate.paging.PageResult;
import io.releasegate.paging.Paging;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.policy.ChangeReport;
import io.releasegate.policy.Policy;
import io.releasegate.policy.PolicyException;
import io.releasegate.recovery.ChangeFacts;
import io.releasegate.recovery.Incident;
import io.releasegate.recovery.PageSender;
import io.releasegate.recovery.Recovery;
import io.releasegate.recovery.RecoveryResult;
import io.releasegate.recovery.VerificationWords;
import io.releasegate.rollback.HaproxyRestoreRollback;
import io.releasegate.rollback.RollbackAction;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.config.ConfigParseException;
import io.releasegate.signoff.AllowedSignersSource;
import io.releasegate.signoff.ApprovalCheck;
import io.releasegate.signoff.ChangeUnderReview;
import io.releasegate.signoff.CheckedApprovals;
import io.releasegate.signoff.SignOff;
import io.releasegate.signoff.SignOffDecision;
import io.releasegate.signoff.SignOffPolicy;
import io.releasegate.verify.Verifier;
import io.releasegate.verify.probe.RateBudget;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the whole gate: diff and policy, sign-off, deploy, then the {@link Recovery} the Jenkins steps use too (verify;
 * on failure page at once, roll back, verify again, resolve or escalate). Each step is timed on a {@link Timeline}.
 * Never throws for a failing step; only bad input (exit code 2) is an exception.
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
        timeline.record("diff", TimedStep.Status.OK, diffStart, change.risk() + ", " + change.changes().size()
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
            timeline.record("sign-off", released ? TimedStep.Status.OK : TimedStep.Status.FAILED, signOffStart,
                    run.signOff.summary());
            if (!released) {
                return run.finish(GateOutcome.BLOCKED, "blocked before the deploy: " + run.signOff.summary());
            }
        } else {
            timeline.skip("sign-off", "no review required (risk " + change.risk() + ")");
        }

        PoolVerification verification = new PoolVerification(verifier, inputs.settings().verify(),
                inputs.headPool(), inputs.basePool());
        try {
            inputs.settings().verify().plan(Optional.of(inputs.headPool()), 1);
        } catch (IllegalArgumentException e) {
            throw new GateInputException("nothing to verify after the deploy, so the gate does not deploy: "
                    + e.getMessage(), e);
        }
        RollbackContext context = new RollbackContext(change.diff().base(), change.diff().head(),
                inputs.settings().pool(), request.repository());
        String notReviewed = workTreeDifferences(request, change.diff().head());
        if (!notReviewed.isEmpty()) {
            long start = timeline.now();
            if (!request.allowWorkTreeChanges()) {
                timeline.record("work tree", TimedStep.Status.FAILED, start, notReviewed);
                return run.finish(GateOutcome.BLOCKED, "blocked before the deploy: " + notReviewed + "; the deploy"
                        + " would ship what nobody reviewed (check out the head revision, or pass"
                        + " --allow-worktree-changes)");
            }
            log.warn("gate: %s; deploying anyway (--allow-worktree-changes)", notReviewed);
            timeline.record("work tree", TimedStep.Status.OK, start, notReviewed + "; allowed by the operator");
        }
        long deployStart = timeline.now();
        log.info("gate: deploying %s", ChangeFacts.of(change).shortHead());
        run.deploy = request.deploy().deploy(context);
        timeline.record("deploy", run.deploy.succeeded() ? TimedStep.Status.OK : TimedStep.Status.FAILED,
                deployStart, run.deploy.reason());
        Recovery recovery = Recovery.builder(verification, run.budget, log).rollback(rollback)
                .pager(paging == null ? PageSender.disabled("no escalation: section in the policy") : paging::send)
                .clock(clock).timeline(timeline).build();
        Incident incident = new Incident(request.gate(), inputs.settings().pool(), ChangeFacts.of(change),
                request.reportLink(), null);
        run.recovery = run.deploy.succeeded() ? recovery.afterDeploy(incident, context)
                : recovery.afterFailedDeploy(incident, context, "the deploy FAILED (" + run.deploy.reason() + ")");
        return finish(run, paging != null);
    }

    /**
     * Empty when the deploy runs from the reviewed head as committed; else how the work tree differs, in words. The
     * deploy command runs in the work tree, so an edit made after the checkout (by a pipeline step, by hand) would
     * otherwise be deployed without review.
     */
    private static String workTreeDifferences(GateRequest request, String head) throws GateInputException {
        try (GitRepository git = GitRepository.open(request.repository())) {
            List<String> differences = git.workTreeDifferences(head, 5);
            String tree = git.workTree().map(path -> path.toAbsolutePath().normalize().toString()).orElse("");
            return differences.isEmpty() ? "" : "the work tree " + tree
                    + " is not the reviewed head " + head.substring(0, 10) + ": " + String.join(", ", differences);
        } catch (RepositoryException e) {
            throw new GateInputException(e.getMessage(), e);
        }
    }

    /** The gate's outcome from the recovery's: released, rolled back with every page delivered, or not. */
    private static GateRun finish(Run run, boolean paged) {
        RecoveryResult recovery = run.recovery;
        if (recovery.passed()) {
            return run.finish(GateOutcome.RELEASED, "released and verified: "
                    + VerificationWords.describe(recovery.verification()));
        }
        List<PageResult> undelivered = recovery.undelivered();
        String paging = !paged ? "NOT PAGED: the policy has no escalation: section"
                : undelivered.isEmpty() ? "paged " + recovery.incidentKey()
                : undelivered.size() + " page(s) UNDELIVERED" + (run.request.outbox() == null ? ""
                        : ", kept in the outbox " + run.request.outbox());
        if (recovery.recovered() && paged && undelivered.isEmpty()) {
            return run.finish(GateOutcome.ROLLED_BACK, recovery.reason() + "; " + paging + " (trigger, then resolve)");
        }
        return run.finish(GateOutcome.UNRECOVERED, recovery.reason() + "; " + paging);
    }

    private ChangeReport review(GateRequest request) throws GateInputException {
        try {
            return ChangeAssessment.assess(request.repository(), request.base(), request.head(), request.policyFile(),
                    false, log);
        } catch (RepositoryException | PolicyException e) {
            throw new GateInputException(e.getMessage(), e);
        }
    }

    private SignOffDecision signOff(ChangeReport change, Policy policy, GateRequest request)
            throws GateInputException {
        List<Author> authors = change.diff().authors();
        SignOffPolicy rules = SignOffPolicy.of(String.join(",", policy.reviewers()), change.requiredApprovals(),
                policy.approvalMaxAge().orElse(null));
        Instant now = clock.instant();
        CheckedApprovals checked;
        try {
            // who may sign comes from the operator or the base revision, never from the change under review
            AllowedSignersSource signers = request.approvals().isEmpty() ? AllowedSignersSource.none()
                    : request.allowedSigners() != null
                    ? AllowedSignersSource.file(request.allowedSigners())
                    : AllowedSignersSource.atRevision(request.repository(), change.diff().base());
            checked = ApprovalCheck.check(request.approvals(), signers, request.allowUnsignedApprovals(),
                    new ChangeUnderReview(change.digest(), authors, null), now);
        } catch (ConfigParseException e) {
            throw new GateInputException("invalid allowed signers " + e.getMessage(), e);
        } catch (IOException | RepositoryException e) {
            throw new GateInputException(e.getMessage(), e);
        }
        return SignOff.evaluate(new ChangeUnderReview(change.digest(), authors, null), rules, checked, now);
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
        return new HaproxyRestoreRollback(new HaproxyRuntime(request.restoreSocket(),
                inputs.settings().verify().traffic().timeout()),
                inputs.basePool().get());
    }

    /** The state of one run while it goes. */
    private static final class Run {
        final GateRequest request;
        final GateInputs inputs;
        final ChangeReport change;
        final Timeline timeline;
        final Instant started;
        /** The run's one rate cap: the verification and the one after a rollback share it. */
        final RateBudget budget;
        SignOffDecision signOff;
        DeployResult deploy;
        RecoveryResult recovery;

        Run(GateRequest request, GateInputs inputs, ChangeReport change, Timeline timeline, Instant started) {
            this.request = request;
            this.inputs = inputs;
            this.change = change;
            this.timeline = timeline;
            this.started = started;
            this.budget = inputs.settings().verify().rateBudget();
        }

        GateRun finish(GateOutcome outcome, String reason) {
            return new GateRun(request.gate(), inputs.settings().pool(), outcome, reason, started, timeline.now(),
                    change, signOff, deploy, recovery, timeline.steps());
        }
    }
}
