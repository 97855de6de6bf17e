package io.jenkins.plugins.releasegate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasegate.view.ChangeView;
import io.releasegate.diff.Author;
import io.releasegate.signoff.Quorum;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The map returned by {@code releaseGateDiff} (digest, authors, requiredApprovals, reviewers); default: the change
     * {@code releaseGateDiff} recorded earlier in this build.
     */
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
        ChangeArgument argument;
        try {
            argument = change != null ? ChangeArgument.of(change) : recorded(context.get(Run.class));
        } catch (IllegalArgumentException e) {
            throw new AbortException("releaseGateApproval: " + e.getMessage());
        }
        if (timeout <= 0) {
            throw new AbortException("releaseGateApproval: timeout must be a positive number of minutes");
        }
        JenkinsFacade jenkins = new JenkinsFacade();
        String reviewerList = reviewers != null ? reviewers
                : argument.reviewers() != null ? argument.reviewers() : jenkins.configuration().getDefaultReviewers();
        // the number defaults from the policy and the risk; an explicit `approvals` is the Jenkinsfile's choice,
        // said in the build log when it asks for fewer than the policy (the engine's rule)
        Quorum quorum = Quorum.of(argument.requiredApprovals(), argument.reviewRequired(), approvals,
                argument.risk());
        TaskListener listener = context.get(TaskListener.class);
        if (quorum.belowPolicy().isPresent() && listener != null) {
            listener.getLogger().println("Release Gate: " + quorum.belowPolicy().get());
        }
        String nobody = quorum.whyNobodyCanApprove(reviewerList).orElse(null);
        if (nobody != null) {
            throw new AbortException("releaseGateApproval: " + nobody);
        }
        List<String> names = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (Author author : argument.authors()) {
            names.add(author.name());
            emails.add(author.email());
        }
        Run<?, ?> run = context.get(Run.class);
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        ApprovalStepExecution.Settings settings = new ApprovalStepExecution.Settings(argument.digest(),
                reviewerList == null ? "" : reviewerList, quorum.required(), timeout,
                maxAge > 0 ? maxAge : (int) Math.min(Integer.MAX_VALUE, argument.maxAgeMinutes()),
                message == null ? "Release Gate: sign-off needed for this load-balancer change" : message,
                names, emails, cause == null ? null : cause.getUserId(), argument.risk());
        return new ApprovalStepExecution(context, settings);
    }

    /** The change {@code releaseGateDiff} recorded earlier in {@code run}. */
    private static ChangeArgument recorded(Run<?, ?> run) {
        ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
        ChangeView view = action == null ? null : action.getChange();
        if (view == null) {
            throw new IllegalArgumentException("give change: (the map releaseGateDiff returned), or run "
                    + "releaseGateDiff earlier in this build");
        }
        return ChangeArgument.of(view);
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
