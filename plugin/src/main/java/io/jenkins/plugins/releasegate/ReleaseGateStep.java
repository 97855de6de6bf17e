package io.jenkins.plugins.releasegate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code releaseGate(lb: ..., pool: ..., rollback: '...') { deploy steps }}: checks its options, runs the body (the
 * deploy), then the same recovery as {@code releaseGateVerify} and {@code release-gate run} (the engine's). Options
 * that cannot work fail the step before the body deploys anything; a failing body fails the step without a
 * verification. Returns what {@code releaseGateVerify} returns.
 */
public class ReleaseGateStep extends VerifyStepBase {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public ReleaseGateStep() {
        // every parameter is named
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Starts the body, then verifies on a background thread. */
    static final class Execution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 1L;
        private final ReleaseGateStep step;

        Execution(StepContext context, ReleaseGateStep step) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() {
            String problem = step.problem();
            if (problem != null) {
                getContext().onFailure(new AbortException("Release Gate: " + problem + " (nothing was deployed)"));
                return true;
            }
            getContext().newBodyInvoker().withCallback(new AfterDeploy()).start();
            return false;
        }

        /** Verifies when the deploy body succeeded; passes a failure through. */
        private final class AfterDeploy extends BodyExecutionCallback {
            private static final long serialVersionUID = 1L;

            @Override
            public void onSuccess(StepContext context, Object result) {
                run(() -> getContext().onSuccess(new GateFlow(getContext(), step, new JenkinsFacade()).run()));
            }

            @Override
            public void onFailure(StepContext context, Throwable t) {
                getContext().onFailure(t);
            }
        }
    }

    /** The {@code releaseGate} block step. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "releaseGate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Release Gate: deploy, then verify, roll back and page on failure";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, EnvVars.class, Run.class, TaskListener.class, FlowNode.class);
        }
    }
}
