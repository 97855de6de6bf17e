package io.jenkins.plugins.releasegate;

import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.releasegate.agent.JsonMaps;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.AuditEntry;
import io.releasegate.signoff.Decision;
import io.releasegate.signoff.Eligibility;
import io.releasegate.signoff.Identity;
import io.releasegate.signoff.SignOffDecision;
import java.io.IOException;
import java.util.ArrayList;
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
 * the approvals and the audit trail; the change and each verification are JSON files ({@link ResultFiles}). The
 * pending approval is found again from the running Pipeline after a restart, as {@code InputAction} does.
 */
@ExportedBean
public class ReleaseGateAction implements RunAction2 {
    private static final Logger LOGGER = Logger.getLogger(ReleaseGateAction.class.getName());
    static final String URL_NAME = "release-gate";
    private static final String CHANGE_FILE = "change.json";
    private static final int LOAD_EXECUTIONS_TIMEOUT_SECONDS = 60;

    private transient Run<?, ?> run;
    private transient JenkinsFacade jenkins;

    private boolean hasChange;
    private String digest;
    private String risk;

    /** The id of the waiting {@code releaseGateApproval} execution, or null when none is waiting. */
    private String pendingId;
    private String signOffStatus;
    private String signOffSummary;
    private String reviewers;
    private int requiredApprovals;
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

    private ResultFiles files() {
        return new ResultFiles(run.getRootDir());
    }

    // ---- the change --------------------------------------------------------------------------------------------

    synchronized void setChange(Map<String, Object> change) throws IOException {
        files().write(CHANGE_FILE, change);
        hasChange = true;
        digest = JsonMaps.string(change, "digest", null);
        risk = JsonMaps.string(change, "risk", null);
        run.save();
    }

    /** The change as {@code releaseGateDiff} returned it, or an empty map. */
    @Exported(name = "change")
    public Map<String, Object> getChange() {
        return hasChange ? files().read(CHANGE_FILE) : Map.of();
    }

    @Exported
    public String getDigest() {
        return digest;
    }

    @Exported
    public String getRisk() {
        return risk;
    }

    public List<Map<String, Object>> getChanges() {
        return JsonMaps.list(getChange(), "changes").stream().map(JsonMaps::map).toList();
    }

    // ---- the sign-off ------------------------------------------------------------------------------------------

    synchronized void beginSignOff(String id, String reviewerList, int required, String summary) throws IOException {
        pendingId = id;
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

    @Exported
    public synchronized String getSummary() {
        return signOffSummary;
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

    synchronized VerificationRecord addVerification(Map<String, Object> result, String pool) throws IOException {
        int index = verifications.size() + 1;
        VerificationRecord record = new VerificationRecord(index, pool, JsonMaps.string(result, "verdict", "ERROR"),
                JsonMaps.bool(result, "rolledBack", false), JsonMaps.bool(result, "recovered", false),
                System.currentTimeMillis());
        files().write(record.fileName(), result);
        verifications = appended(verifications, record);
        run.save();
        return record;
    }

    @Exported
    public synchronized List<VerificationRecord> getVerifications() {
        return List.copyOf(verifications);
    }

    /** The full result of a verification (its JSON file), for the page. */
    public Map<String, Object> verification(VerificationRecord record) {
        return files().read(record.fileName());
    }

    /** The latest verification's full result (first run, rollback, second run, pages), or an empty map. */
    @Exported(name = "verification")
    public Map<String, Object> getLatestVerification() {
        List<VerificationRecord> all = getVerifications();
        return all.isEmpty() ? Map.of() : verification(all.get(all.size() - 1));
    }

    /** The bars of the chart of one verification result. */
    public List<ShareBar> bars(Map<String, Object> result) {
        return ShareBar.of(result);
    }
}
