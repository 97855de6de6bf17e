package io.jenkins.plugins.releasegate;

import hudson.AbortException;
import hudson.console.HyperlinkNote;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.AuditEntry;
import io.releasegate.diff.Author;
import io.releasegate.signoff.ChangeUnderReview;
import io.releasegate.signoff.Decision;
import io.releasegate.signoff.Eligibility;
import io.releasegate.signoff.Identity;
import io.releasegate.signoff.SignOff;
import io.releasegate.signoff.SignOffDecision;
import io.releasegate.signoff.SignOffPolicy;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.jenkins.plugins.releasegate.port.TaskListenerLog;
import jenkins.util.SystemProperties;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;

/**
 * The waiting {@code releaseGateApproval}, modelled on {@code InputStepExecution}: {@link #start()} records the
 * pending sign-off on the build's {@link ReleaseGateAction} and returns {@code false}; nothing blocks the CPS thread.
 * Reviewers decide through the action's POST endpoints, which call {@link #decide}; the engine's {@link SignOff}
 * rules judge every decision. The timeout and the reminders are timers, re-armed by {@link #onResume()} after a
 * restart. Serialized with the Pipeline program: only the small {@link Settings}, the id and the deadline; the
 * approvals themselves are in the action ({@code build.xml}).
 */
public class ApprovalStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(ApprovalStepExecution.class.getName());

    private final String id = UUID.randomUUID().toString();
    private final Settings settings;
    /** Set on the CPS thread in {@link #start()}, read by the timers and the page's threads. */
    private volatile long deadline;
    private volatile boolean settled;

    /**
     * Milliseconds in one "minute" of the reminder interval. Only a test changes it (the system property
     * {@code io.jenkins.plugins.releasegate.ApprovalStepExecution.reminderUnitMillis}), to see several reminders
     * without waiting minutes.
     */
    static long reminderUnitMillis = SystemProperties.getLong(ApprovalStepExecution.class.getName()
            + ".reminderUnitMillis", TimeUnit.MINUTES.toMillis(1));

    private transient ScheduledFuture<?> timeoutTask;
    private transient ScheduledFuture<?> reminderTask;
    private transient JenkinsFacade jenkins;

    /** What the step was asked, resolved against its defaults; plain values only. */
    static final class Settings implements Serializable {
        private static final long serialVersionUID = 1L;
        final String digest;
        final String reviewers;
        final int required;
        final int timeoutMinutes;
        final int maxAgeMinutes;
        final String message;
        final ArrayList<String> authorNames;
        final ArrayList<String> authorEmails;
        final String starter;
        final String risk;

        Settings(String digest, String reviewers, int required, int timeoutMinutes, int maxAgeMinutes, String message,
                List<String> authorNames, List<String> authorEmails, String starter, String risk) {
            this.digest = digest;
            this.reviewers = reviewers;
            this.required = required;
            this.timeoutMinutes = timeoutMinutes;
            this.maxAgeMinutes = maxAgeMinutes;
            this.message = message;
            this.authorNames = new ArrayList<>(authorNames);
            this.authorEmails = new ArrayList<>(authorEmails);
            this.starter = starter;
            this.risk = risk;
        }

        ChangeUnderReview change() {
            List<Author> authors = new ArrayList<>();
            for (int i = 0; i < authorNames.size(); i++) {
                authors.add(new Author(authorNames.get(i), authorEmails.get(i)));
            }
            return new ChangeUnderReview(digest, authors, starter);
        }

        SignOffPolicy policy() {
            return SignOffPolicy.of(reviewers, required, maxAgeMinutes > 0 ? Duration.ofMinutes(maxAgeMinutes) : null);
        }
    }

    ApprovalStepExecution(StepContext context, Settings settings) {
        super(context);
        this.settings = settings;
    }

    /** The facade, made again after the execution was read back from the program's state. */
    private JenkinsFacade jenkins() {
        if (jenkins == null) {
            jenkins = new JenkinsFacade();
        }
        return jenkins;
    }

    public String getId() {
        return id;
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(settings.timeoutMinutes);
        ReleaseGateAction action = ReleaseGateAction.of(run);
        SignOffDecision initial = evaluate(action);
        action.beginSignOff(id, settings.policy().describeReviewers(), settings.required, initial.summary());
        action.record(new AuditEntry(Instant.now(), AuditEntry.RULES, AuditEntry.Kind.REQUEST, settings.message
                + " (" + settings.risk + " risk; reviewers: " + settings.policy().describeReviewers() + "; "
                + settings.required + " approval(s) within " + settings.timeoutMinutes + " min)", settings.digest));
        if (initial.isReleased()) {
            settle(action, initial, listener);
            return false;
        }
        FlowNode node = getContext().get(FlowNode.class);
        node.addAction(new PauseAction("Release Gate sign-off"));
        String url = '/' + run.getUrl() + ReleaseGateAction.URL_NAME + '/';
        listener.getLogger().println(settings.message);
        listener.getLogger().println(initial.summary() + ". " + HyperlinkNote.encodeTo(url, "Review the change"));
        armTimeout();
        // the notification goes over the network: never on the CPS VM thread. The reminders start once the request
        // went out (its delivery may retry for a while), so no reminder ever comes before it.
        Timer.get().submit(() -> {
            new ReviewerNotifier(jenkins()).requested(run, settings.digest, settings.policy(), initial,
                    settings.message, new TaskListenerLog(listener));
            armReminders();
        });
        return false;
    }

    /**
     * After a controller restart: re-arm the timeout (at the original deadline) and the reminders. A plain
     * {@link StepExecution}, as workflow-step-api advises for new steps: {@code AbstractStepExecutionImpl.onResume}
     * would only run a Guice injection this execution has no use for.
     */
    @Override
    public void onResume() {
        armTimeout();
        armReminders();
    }

    private synchronized void armTimeout() {
        if (settled || timeoutTask != null) {
            return;
        }
        long delay = Math.max(0, deadline - System.currentTimeMillis());
        timeoutTask = Timer.get().schedule(this::timeOut, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void armReminders() {
        if (settled || reminderTask != null) {
            return;
        }
        int every = jenkins().configuration().getReminderMinutes();
        if (every > 0) {
            long period = every * reminderUnitMillis;
            reminderTask = Timer.get().scheduleAtFixedRate(this::remind, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void cancelTimers() {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
        if (reminderTask != null) {
            reminderTask.cancel(false);
        }
    }

    /** Whether {@code user} may decide on this change, with the reason in words. */
    public Eligibility canApprove(Identity user) {
        return SignOff.canApprove(user, settings.change(), settings.policy());
    }

    /**
     * A reviewer's decision from the build page or the REST API. The engine's rules decide whether it counts; the
     * caller has already checked the Jenkins permission. Administrators get no exception.
     */
    public synchronized Eligibility decide(Identity user, Decision decision, String comment)
            throws IOException, InterruptedException {
        if (settled) {
            return new Eligibility(false, "this sign-off is already over");
        }
        Eligibility eligibility = canApprove(user);
        Run<?, ?> run = run();
        ReleaseGateAction action = ReleaseGateAction.of(run);
        TaskListener listener = listener();
        if (!eligibility.allowed()) {
            action.record(new AuditEntry(Instant.now(), user.id(), AuditEntry.Kind.OUTCOME, "refused "
                    + decision.name().toLowerCase(java.util.Locale.ROOT) + ": " + eligibility.reason(),
                    settings.digest));
            return eligibility;
        }
        action.record(Approval.by(user, decision, comment, Instant.now(), settings.digest));
        listener.getLogger().println("Release Gate: " + user.id() + " " + (decision == Decision.APPROVE
                ? "approved" : "rejected") + (comment.isBlank() ? "" : ": " + comment));
        SignOffDecision outcome = evaluate(action);
        List<SignOffDecision.Outcome> outcomes = outcome.outcomes();
        if (!outcomes.isEmpty()) {
            listener.getLogger().println("Release Gate: " + outcomes.get(outcomes.size() - 1).reason());
        }
        if (outcome.status() == SignOffDecision.Status.PENDING) {
            action.record(outcome);
            listener.getLogger().println("Release Gate: " + outcome.summary());
        } else {
            settle(action, outcome, listener);
        }
        return eligibility;
    }

    private SignOffDecision evaluate(ReleaseGateAction action) {
        return SignOff.evaluate(settings.change(), settings.policy(), action.approvals(), Instant.now());
    }

    private void settle(ReleaseGateAction action, SignOffDecision outcome, TaskListener listener) throws IOException {
        settled = true;
        cancelTimers();
        action.record(new AuditEntry(Instant.now(), AuditEntry.RULES, AuditEntry.Kind.OUTCOME,
                outcome.status() + ": " + outcome.summary(), settings.digest));
        action.endSignOff(outcome.status().name(), outcome.summary());
        endPause();
        listener.getLogger().println("Release Gate: " + outcome.summary());
        if (outcome.isReleased()) {
            getContext().onSuccess(result(outcome));
        } else {
            getContext().onFailure(new AbortException("Release Gate: " + outcome.summary()));
        }
    }

    private static Map<String, Object> result(SignOffDecision outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", outcome.status().name());
        result.put("summary", outcome.summary());
        result.put("approvedBy", new ArrayList<>(outcome.counted().stream().map(Approval::reviewer).toList()));
        result.put("reasons", new ArrayList<>(outcome.reasons()));
        return result;
    }

    private synchronized void timeOut() {
        if (settled) {
            return;
        }
        try {
            Run<?, ?> run = run();
            ReleaseGateAction action = ReleaseGateAction.of(run);
            SignOffDecision outcome = evaluate(action);
            String summary = "no sign-off within " + settings.timeoutMinutes + " minutes (" + outcome.summary() + ")";
            settled = true;
            cancelTimers();
            action.record(new AuditEntry(Instant.now(), AuditEntry.RULES, AuditEntry.Kind.TIMEOUT, summary,
                    settings.digest));
            action.endSignOff("TIMED_OUT", summary);
            endPause();
            listener().getLogger().println("Release Gate: " + summary);
            getContext().onFailure(new AbortException("Release Gate: " + summary));
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "cannot time out the sign-off " + id, e);
            getContext().onFailure(e);
        }
    }

    private void remind() {
        try {
            Run<?, ?> run = run();
            SignOffDecision outcome;
            synchronized (this) {
                if (settled) {
                    return;
                }
                outcome = evaluate(ReleaseGateAction.of(run));
            }
            new ReviewerNotifier(jenkins()).reminder(run, settings.digest, outcome, settings.message,
                    new TaskListenerLog(listener()));
            ReleaseGateAction.of(run).record(new AuditEntry(Instant.now(), AuditEntry.RULES, AuditEntry.Kind.REQUEST,
                    "reminder sent: " + outcome.summary(), settings.digest));
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "cannot remind reviewers of the sign-off " + id, e);
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        synchronized (this) {
            settled = true;
            cancelTimers();
        }
        // like InputStepExecution: we may be on the CPS VM thread, so do the bookkeeping elsewhere
        Timer.get().submit(() -> {
            try {
                ReleaseGateAction action = ReleaseGateAction.of(run());
                action.record(new AuditEntry(Instant.now(), AuditEntry.RULES, AuditEntry.Kind.ABORT,
                        "the build was stopped: " + cause, settings.digest));
                action.endSignOff("ABORTED", "the build was stopped while waiting for sign-off");
                endPause();
            } catch (IOException | InterruptedException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "cannot record the abort of the sign-off " + id, e);
            }
        });
        super.stop(cause);
    }

    private void endPause() {
        try {
            FlowNode node = getContext().get(FlowNode.class);
            if (node != null) {
                PauseAction.endCurrentPause(node);
            }
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.FINE, "cannot end the pause of " + id, e);
        }
    }

    @Override
    public String getStatus() {
        return settled ? "settled" : "waiting for sign-off of " + settings.digest;
    }

    private Run<?, ?> run() throws IOException, InterruptedException {
        return getContext().get(Run.class);
    }

    private TaskListener listener() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class);
    }
}
