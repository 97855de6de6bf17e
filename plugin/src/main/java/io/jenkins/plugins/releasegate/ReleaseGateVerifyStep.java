package io.jenkins.plugins.releasegate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code releaseGateVerify(lb: 'http://127.0.0.1:8080/', pool: 'web', rollback: './rollback.sh')}: the engine's
 * recovery (verify on the agent; on anything but PASS page at once, roll back, verify again, resolve or escalate).
 * Returns {@code [verdict, observed, expected, reasons, outcome, summary, rolledBack, recovered, rollback,
 * afterRollback, pages, ...]}.
 */
public class ReleaseGateVerifyStep extends VerifyStepBase {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public ReleaseGateVerifyStep() {
        // every parameter is named
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Runs the verification flow without blocking the CPS thread. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final ReleaseGateVerifyStep step;

        Execution(StepContext context, ReleaseGateVerifyStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return new GateFlow(getContext(), step, new JenkinsFacade()).run();
        }
    }

    /** The {@code releaseGateVerify} step. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "releaseGateVerify";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Release Gate: verify traffic, health and drift of a load-balancer pool";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, EnvVars.class, Run.class, TaskListener.class, FlowNode.class);
        }
    }
}
