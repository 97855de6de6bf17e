package io.jenkins.plugins.releasegate;

import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.releasegate.view.Badge;
import io.jenkins.plugins.releasegate.view.ChangeView;
import io.jenkins.plugins.releasegate.view.HoldView;
import io.jenkins.plugins.releasegate.view.RecoveryView;
import io.jenkins.plugins.releasegate.view.VerificationView;
import io.releasegate.policy.ChangeReport;
import io.releasegate.recovery.ChangeFacts;
import io.releasegate.recovery.RecoveryResult;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.AuditEntry;
import io.releasegate.signoff.Decision;
import io.releasegate.signoff.Eligibility;
import io.releasegate.signoff.Identity;
import io.releasegate.signoff.SignOffDecision;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The build's "Release Gate" page ({@code .../release-gate/}): the change, the sign-off with its audit trail, the
 * verifications and the recovery. Saved in {@code build.xml} with small fields only: the sign-off's execution id,
 * the approvals and the audit trail, one {@link VerificationRecord} per verification step; the change and each
 * recovery are typed views in their own files ({@link ViewFiles}). The pending approval is found again from the
 * running Pipeline after a restart, as {@code InputAction} does.
 */
@ExportedBean
public class ReleaseGateAction implements RunAction2 {
    private static final Logger LOGGER = Logger.getLogger(ReleaseGateAction.class.getName());
    static final String URL_NAME = "release-gate";
    /** The build's directory of Release Gate files. */
    static final String DIRECTORY = "release-gate";
    private static final String CHANGE_FILE = "change.xml";
    private static final int LOAD_EXECUTIONS_TIMEOUT_SECONDS = 60;

    private transient Run<?, ?> run;
    private transient JenkinsFacade jenkins;
    private transient volatile ChangeView change;

    private boolean hasChange;
    private String digest;
    private String risk;

    /** The id of the waiting {@code releaseGateApproval} execution, or null when none is waiting. */
    private String pendingId;
    private String signOffStatus;
    private String signOffSummary;
    private String reviewers;
    private int requiredApprovals;
    private long signOffStarted;
    private long signOffEnded;
    private volatile ArrayList<ApprovalRecord> approvals = new ArrayList<>();
    private volatile ArrayList<AuditRecord> audit = new ArrayList<>();
    private volatile ArrayList<VerificationRecord> verifications = new ArrayList<>();

    /**
     * A new list with {@code item} at the end. The lists are replaced, never changed in place: another thread may be
     * writing {@code build.xml} (XStream iterates them without this action's lock) while a decision comes in.
     */
    private static <T> ArrayList<T> appended(List<T> list, T item) {
        ArrayList<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    /** The action of {@code run}, added when missing. */
    public static synchronized ReleaseGateAction of(Run<?, ?> run) {
        ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
        if (action == null) {
            action = new ReleaseGateAction();
            run.addAction(action);
        }
        return action;
    }

    /** XStream does not run field initializers: lists missing from an older build.xml come back empty. */
    protected Object readResolve() {
        if (approvals == null) {
            approvals = new ArrayList<>();
        }
        if (audit == null) {
            audit = new ArrayList<>();
        }
        if (verifications == null) {
            verifications = new ArrayList<>();
        }
        return this;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** {@code .../release-gate/api/json}: status, change, approvals, audit, verifications. */
    public Api getApi() {
        return new Api(this);
    }

    JenkinsFacade jenkins() {
        if (jenkins == null) {
            jenkins = new JenkinsFacade();
        }
        return jenkins;
    }

    /** For tests: the facade the page asks about the current user. */
    void setJenkins(JenkinsFacade facade) {
        this.jenkins = facade;
    }

    @Override
    public String getIconFileName() {
        return "symbol-lock-closed";
    }

    @Override
    public String getDisplayName() {
        return "Release Gate";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    private ViewFiles files() {
        return new ViewFiles(run.getRootDir());
    }

    // ---- the change --------------------------------------------------------------------------------------------

    synchronized void setChange(ChangeReport report) throws IOException {
        ChangeView view = ChangeView.of(report);
        files().write(CHANGE_FILE, view);
        change = view;
        hasChange = true;
        digest = report.digest();
        risk = report.risk().name();
        run.save();
    }

    /** The change {@code releaseGateDiff} recorded in this build, or null. */
    @Exported(name = "change")
    public synchronized ChangeView getChange() {
        if (!hasChange) {
            return null;
        }
        ChangeView view = change;
        if (view == null) {
            view = files().read(CHANGE_FILE, ChangeView.class);
            change = view;
        }
        return view;
    }

    /** What a page says about the change of this build, or null when no change was recorded. */
    ChangeFacts changeFacts() {
        ChangeView view = getChange();
        return view == null ? null : view.facts();
    }

    @Exported
    public String getDigest() {
        return digest;
    }

    @Exported
    public String getRisk() {
        return risk;
    }

    public String getRiskBadge() {
        return Badge.risk(risk);
    }

    // ---- the sign-off ------------------------------------------------------------------------------------------

    synchronized void beginSignOff(String id, String reviewerList, int required, String summary) throws IOException {
        pendingId = id;
        signOffStarted = System.currentTimeMillis();
        signOffEnded = 0;
        reviewers = reviewerList;
        requiredApprovals = required;
        signOffStatus = SignOffDecision.Status.PENDING.name();
        signOffSummary = summary;
        run.save();
    }

    synchronized void record(Approval approval) throws IOException {
        approvals = appended(approvals, new ApprovalRecord(approval));
        audit = appended(audit, new AuditRecord(AuditEntry.of(approval)));
        run.save();
    }

    synchronized void record(AuditEntry entry) throws IOException {
        audit = appended(audit, new AuditRecord(entry));
        run.save();
    }

    synchronized void record(SignOffDecision decision) throws IOException {
        signOffStatus = decision.status().name();
        signOffSummary = decision.summary();
        run.save();
    }

    /** Ends the wait: the status is RELEASED, REJECTED, TIMED_OUT or ABORTED. */
    synchronized void endSignOff(String status, String summary) throws IOException {
        pendingId = null;
        signOffEnded = System.currentTimeMillis();
        signOffStatus = status;
        signOffSummary = summary;
        run.save();
    }

    synchronized List<Approval> approvals() {
        return ApprovalRecord.toApprovals(approvals);
    }

    /** NONE, PENDING, RELEASED, REJECTED, TIMED_OUT or ABORTED. */
    @Exported
    public synchronized String getStatus() {
        return signOffStatus == null ? "NONE" : signOffStatus;
    }

    public String getStatusBadge() {
        return Badge.status(getStatus());
    }

    @Exported
    public synchronized String getSummary() {
        return signOffSummary;
    }

    /** Minutes from the sign-off request to its end (until now while it waits); -1 when there was no sign-off. */
    public synchronized long getSignOffMinutes() {
        if (signOffStarted <= 0) {
            return -1;
        }
        long end = signOffEnded > 0 ? signOffEnded : System.currentTimeMillis();
        return TimeUnit.MILLISECONDS.toMinutes(Math.max(0, end - signOffStarted));
    }

    @Exported
    public synchronized String getReviewers() {
        return reviewers;
    }

    @Exported
    public synchronized int getRequiredApprovals() {
        return requiredApprovals;
    }

    @Exported
    public synchronized List<ApprovalRecord> getApprovals() {
        return List.copyOf(approvals);
    }

    @Exported
    public synchronized List<AuditRecord> getAudit() {
        return List.copyOf(audit);
    }

    public synchronized boolean isPending() {
        return pendingId != null;
    }

    /** The waiting sign-off execution of this build, found among the Pipeline's running steps; null if none. */
    ApprovalStepExecution pendingExecution() {
        String id;
        synchronized (this) {
            id = pendingId;
        }
        if (id == null || !(run instanceof FlowExecutionOwner.Executable executable)) {
            return null;
        }
        FlowExecutionOwner owner = executable.asFlowExecutionOwner();
        if (owner == null) {
            return null;
        }
        try {
            for (StepExecution execution : owner.get().getCurrentExecutions(true)
                    .get(LOAD_EXECUTIONS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                if (execution instanceof ApprovalStepExecution approval && id.equals(approval.getId())) {
                    return approval;
                }
            }
        } catch (IOException | java.util.concurrent.ExecutionException | TimeoutException e) {
            LOGGER.log(Level.WARNING, "cannot load the running steps of " + run, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Whether the current user may approve, and why (for the page). */
    public Eligibility getEligibility() {
        Identity user = jenkins().currentIdentity();
        if (user == null) {
            return new Eligibility(false, "log in to review this change");
        }
        if (!run.hasPermission(Item.BUILD)) {
            return new Eligibility(false, "deciding needs the Build permission on this job");
        }
        ApprovalStepExecution execution = pendingExecution();
        if (execution == null) {
            return new Eligibility(false, "no sign-off is waiting in this build");
        }
        return execution.canApprove(user);
    }

    @RequirePOST
    public HttpResponse doApprove(@QueryParameter String comment) throws IOException, InterruptedException {
        return decide(Decision.APPROVE, comment);
    }

    @RequirePOST
    public HttpResponse doReject(@QueryParameter String comment) throws IOException, InterruptedException {
        return decide(Decision.REJECT, comment);
    }

    /**
     * A decision releases (or stops) a build that deploys: it takes the right to run the job ({@code Item.BUILD},
     * which the acceptance's reviewer bob has), then the engine's sign-off rules, which nobody bypasses.
     */
    private HttpResponse decide(Decision decision, String comment) throws IOException, InterruptedException {
        run.checkPermission(Item.BUILD);
        Identity user = jenkins().currentIdentity();
        if (user == null) {
            return HttpResponses.errorWithoutStack(403, "anonymous users cannot review a change");
        }
        ApprovalStepExecution execution = pendingExecution();
        if (execution == null) {
            return HttpResponses.errorWithoutStack(409, "no sign-off is waiting in this build");
        }
        Eligibility eligibility = execution.decide(user, decision, comment == null ? "" : comment);
        if (!eligibility.allowed()) {
            return HttpResponses.errorWithoutStack(403, eligibility.reason());
        }
        return HttpResponses.redirectToDot();
    }

    // ---- verification and recovery -----------------------------------------------------------------------------

    /** Records what one verification step did: a small record in {@code build.xml}, the full view in its file. */
    synchronized VerificationRecord addRecovery(String pool, RecoveryResult result, RecoveryView view)
            throws IOException {
        VerificationRecord record = new VerificationRecord(verifications.size() + 1, pool, result,
                view.getVerification(), System.currentTimeMillis());
        files().write(record.fileName(), view);
        verifications = appended(verifications, record);
        run.save();
        return record;
    }

    @Exported
    public synchronized List<VerificationRecord> getVerifications() {
        return List.copyOf(verifications);
    }

    /** The full view of a verification step (its file), or null when it is not kept. */
    public RecoveryView recovery(VerificationRecord record) {
        return files().read(record.fileName(), RecoveryView.class);
    }

    /** The latest verification step's full view, or null. */
    @Exported(name = "verification")
    public RecoveryView getLatestRecovery() {
        VerificationRecord latest = getLatest();
        return latest == null ? null : recovery(latest);
    }

    /** The latest verification step's record, or null. */
    public VerificationRecord getLatest() {
        List<VerificationRecord> all = getVerifications();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** The dedup key of an incident this build left open for {@code pool}, or null. */
    String openIncident(String pool) {
        VerificationRecord last = null;
        for (VerificationRecord record : getVerifications()) {
            if (pool.equals(record.getPool())) {
                last = record;
            }
        }
        return last != null && last.isIncidentOpen() ? last.getIncidentKey() : null;
    }

    /**
     * The holds in force by the build's last verification of each pool, in the order the pools were first verified;
     * empty when none was (or when no verification read a repository).
     */
    List<HoldView> holdsInForce() {
        Map<String, VerificationRecord> lastOfPool = new LinkedHashMap<>();
        for (VerificationRecord record : getVerifications()) {
            lastOfPool.put(record.getPool(), record);
        }
        List<HoldView> holds = new ArrayList<>();
        for (VerificationRecord record : lastOfPool.values()) {
            RecoveryView view = recovery(record);
            if (view != null) {
                holds.addAll(view.getHolds());
            }
        }
        return holds;
    }

    /** The first verification view of a step, for the chart (null when it could not run). */
    public VerificationView first(VerificationRecord record) {
        RecoveryView view = recovery(record);
        return view == null ? null : view.getVerification();
    }
}
