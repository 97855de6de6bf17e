package io.jenkins.plugins.releasegate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasegate.agent.JsonMaps;
import io.releasegate.signoff.SignOffPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code releaseGateApproval(change: c, reviewers: 'bob,group:lb-reviewers', approvals: 2, timeout: 60,
 * message: '...')}: waits, without holding an executor, until the engine's sign-off rules release the change, an
 * allowed reviewer rejects it, or the timeout passes. Returns {@code [status, digest, approvedBy, summary]}.
 */
public class ReleaseGateApprovalStep extends Step {
    /** Minutes to wait when the step does not say: one day. */
    static final int DEFAULT_TIMEOUT_MINUTES = 24 * 60;

    private Object change;
    private String reviewers;
    private int approvals;
    private int timeout = DEFAULT_TIMEOUT_MINUTES;
    private String message;
    private int maxAge;

    @DataBoundConstructor
    public ReleaseGateApprovalStep() {
        // every parameter is named
    }

    public Object getChange() {
        return change;
    }

    /** The map returned by {@code releaseGateDiff} (digest, authors, requiredApprovals, reviewers). */
    @DataBoundSetter
    public void setChange(Object change) {
        this.change = change;
    }

    public String getReviewers() {
        return reviewers;
    }

    /** {@code bob, carol, group:lb-reviewers}; default: the change's reviewers, then the global default. */
    @DataBoundSetter
    public void setReviewers(String reviewers) {
        this.reviewers = Util.fixEmptyAndTrim(reviewers);
    }

    public int getApprovals() {
        return approvals;
    }

    /** Distinct reviewers required, at least the change's {@code requiredApprovals}; 0 (default): exactly that. */
    @DataBoundSetter
    public void setApprovals(int approvals) {
        this.approvals = Math.max(0, approvals);
    }

    public int getTimeout() {
        return timeout;
    }

    /** Minutes to wait before the sign-off is rejected for lack of reviewers. */
    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    public int getMaxAge() {
        return maxAge;
    }

    /** Minutes after which an approval expires; 0 (default): never. */
    @DataBoundSetter
    public void setMaxAge(int maxAge) {
        this.maxAge = Math.max(0, maxAge);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        Map<String, Object> changeMap = JsonMaps.map(change);
        String digest = JsonMaps.string(changeMap, "digest", null);
        if (digest == null) {
            throw new AbortException("releaseGateApproval: 'change' must be the map returned by releaseGateDiff"
                    + " (it has no digest)");
        }
        if (!changeMap.containsKey("authors")) {
            throw new AbortException("releaseGateApproval: the change has no 'authors'; without them the rule"
                    + " that authors may not approve cannot be applied. Pass the map returned by releaseGateDiff.");
        }
        if (timeout <= 0) {
            throw new AbortException("releaseGateApproval: timeout must be a positive number of minutes");
        }
        ReleaseGateGlobalConfiguration global = new JenkinsFacade().configuration();
        String policyReviewers = reviewersOf(changeMap.get("reviewers"));
        String reviewerList = reviewers != null ? reviewers
                : policyReviewers != null ? policyReviewers : global.getDefaultReviewers();
        // the number defaults from the policy and the risk; an explicit `approvals` is the Jenkinsfile's choice,
        // said in the build log when it asks for fewer than the policy
        int fromPolicy = Math.max(JsonMaps.integer(changeMap, "requiredApprovals", 1),
                JsonMaps.bool(changeMap, "reviewRequired", true) ? 1 : 0);
        int required = approvals > 0 ? approvals : fromPolicy;
        if (required < fromPolicy) {
            TaskListener listener = context.get(TaskListener.class);
            if (listener != null) {
                listener.getLogger().println("Release Gate: this Jenkinsfile asks for " + required + " approval(s)"
                        + " where the policy asks for " + fromPolicy + " for a " + JsonMaps.string(changeMap, "risk",
                        "UNKNOWN") + " change");
            }
        }
        String nobody = nobodyMayApprove(reviewerList, required);
        if (nobody != null) {
            throw new AbortException("releaseGateApproval: " + nobody);
        }
        List<String> names = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (Object author : JsonMaps.list(changeMap, "authors")) {
            Map<String, Object> entry = JsonMaps.map(author);
            names.add(JsonMaps.string(entry, "name", null));
            emails.add(JsonMaps.string(entry, "email", null));
        }
        Run<?, ?> run = context.get(Run.class);
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        ApprovalStepExecution.Settings settings = new ApprovalStepExecution.Settings(digest,
                reviewerList == null ? "" : reviewerList, required, timeout,
                maxAge > 0 ? maxAge : (int) Math.min(Integer.MAX_VALUE,
                        JsonMaps.integer(changeMap, "approvalMaxAgeMinutes", 0)),
                message == null ? "Release Gate: sign-off needed for this load-balancer change" : message,
                names, emails, cause == null ? null : cause.getUserId(),
                JsonMaps.string(changeMap, "risk", "UNKNOWN"));
        return new ApprovalStepExecution(context, settings);
    }

    /**
     * Why no one could ever release this sign-off (so the build fails now instead of waiting for its timeout), or
     * null when someone can: the reviewers cannot be read, none are named anywhere, or fewer users are named than
     * approvals are required (and no group could supply more).
     */
    static String nobodyMayApprove(String reviewerList, int required) {
        SignOffPolicy policy;
        try {
            policy = SignOffPolicy.of(reviewerList, required, null);
        } catch (IllegalArgumentException e) {
            return "reviewers '" + reviewerList + "': " + e.getMessage();
        }
        if (required == 0) {
            return null;
        }
        if (policy.users().isEmpty() && policy.groups().isEmpty()) {
            return "nobody may approve this change: name the reviewers (reviewers: 'bob, group:lb-reviewers'), in"
                    + " .releasegate.yml (review.reviewers) or as the default reviewers in Manage Jenkins > System >"
                    + " Release Gate";
        }
        if (policy.groups().isEmpty() && policy.users().size() < required) {
            return required + " distinct approvals are required but only " + policy.users().size()
                    + " reviewer(s) are named (" + policy.describeReviewers() + "): name more reviewers, add a"
                    + " group:NAME, or pass approvals: " + policy.users().size();
        }
        return null;
    }

    /** The policy's reviewers as the diff returns them (a list of {@code bob}, {@code group:NAME}, or a string). */
    static String reviewersOf(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** The {@code releaseGateApproval} step. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "releaseGateApproval";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Release Gate: wait for reviewer sign-off of a load-balancer change";
        }

        /** No FilePath: the step needs no agent and holds no executor while it waits. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }
    }
}
