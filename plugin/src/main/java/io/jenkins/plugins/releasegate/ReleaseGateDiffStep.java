package io.jenkins.plugins.releasegate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.console.HyperlinkNote;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasegate.agent.AgentReply;
import io.jenkins.plugins.releasegate.agent.PoolSource;
import io.jenkins.plugins.releasegate.port.DiffCallable;
import io.jenkins.plugins.releasegate.port.TaskListenerLog;
import io.releasegate.log.LogSink;
import io.releasegate.policy.ChangeReport;
import io.releasegate.report.ChangeReportJson;
import io.releasegate.report.ChangeReportText;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code releaseGateDiff(base: 'origin/main', head: 'HEAD', config: '.releasegate.yml', dir: '.')}: the engine's
 * semantic diff and risk policy of the load-balancer configuration between two revisions of the workspace's repository, run on the
 * agent. Attaches the change to the build's Release Gate page and returns it as a plain map:
 * {@code [risk, reviewRequired, requiredApprovals, digest, changes, summary, authors, base, head, ...]}.
 */
public class ReleaseGateDiffStep extends Step {
    private final String base;
    private final String head;
    private String config;
    private String dir = ".";

    @DataBoundConstructor
    public ReleaseGateDiffStep(String base, String head) {
        this.base = Util.fixEmptyAndTrim(base);
        this.head = Util.fixEmptyAndTrim(head);
    }

    public String getBase() {
        return base;
    }

    public String getHead() {
        return head;
    }

    public String getConfig() {
        return config;
    }

    /** The policy file, relative to {@code dir}; default: the global default policy path. */
    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Util.fixEmptyAndTrim(config);
    }

    public String getDir() {
        return dir;
    }

    /** The repository's directory, relative to the workspace. */
    @DataBoundSetter
    public void setDir(String dir) {
        this.dir = Util.fixEmptyAndTrim(dir) == null ? "." : dir.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this, new JenkinsFacade());
    }

    /** Runs the diff on the agent without blocking the CPS thread. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient ReleaseGateDiffStep step;
        private final transient JenkinsFacade jenkins;

        Execution(StepContext context, ReleaseGateDiffStep step, JenkinsFacade jenkins) {
            super(context);
            this.step = step;
            this.jenkins = jenkins;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            if (step.base == null || step.head == null) {
                throw new AbortException("releaseGateDiff: give both base and head revisions");
            }
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            Run<?, ?> run = getContext().get(Run.class);
            String policy = step.config != null ? step.config : jenkins.configuration().getDefaultPolicyPath();
            // the engine judges by the policy at the base revision (a path inside the repository is read from git
            // there, never from the work tree, which holds the change under review); a path outside it is an
            // operator's file on the agent
            FilePath repository = workspace.child(step.dir);
            repository.mkdirs();
            AgentReply<ChangeReport> reply = repository.act(new DiffCallable(step.base, step.head,
                    PoolSource.DEFAULT_POLICY.equals(policy) ? null : policy));
            reply.replay(warningsOnly(new TaskListenerLog(listener)));
            if (reply.refused()) {
                throw new AbortException("releaseGateDiff: " + reply.error());
            }
            ChangeReport report = reply.result();
            ReleaseGateAction.of(run).setChange(report);
            String summary = ChangeReportText.summary(report);
            listener.getLogger().println("Release Gate: " + summary + " "
                    + HyperlinkNote.encodeTo('/' + run.getUrl() + ReleaseGateAction.URL_NAME + '/', "details"));
            Map<String, Object> change = PipelineValues.plainMap(ChangeReportJson.toMap(report));
            change.put("summary", summary);
            return change;
        }
    }

    /** The engine's progress lines stay out of the build log; its warnings and errors go in. */
    private static LogSink warningsOnly(LogSink log) {
        return new LogSink() {
            @Override
            public void info(String format, Object... args) {
                // progress: not shown
            }

            @Override
            public void warn(String format, Object... args) {
                log.warn(format, args);
            }

            @Override
            public void error(String format, Object... args) {
                log.error(format, args);
            }
        };
    }

    /** The {@code releaseGateDiff} step. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        private final JenkinsFacade jenkins;

        public DescriptorImpl() {
            this(new JenkinsFacade());
        }

        DescriptorImpl(JenkinsFacade jenkins) {
            this.jenkins = jenkins;
        }

        @Override
        public String getFunctionName() {
            return "releaseGateDiff";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Release Gate: semantic diff of load-balancer configuration";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class);
        }

        @POST
        public FormValidation doCheckBase(@QueryParameter String value) {
            return required(value, "the revision the change starts from, e.g. origin/main");
        }

        @POST
        public FormValidation doCheckHead(@QueryParameter String value) {
            return required(value, "the revision to deploy, e.g. HEAD");
        }

        private FormValidation required(String value, String what) {
            jenkins.checkRead();
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.error("Required: " + what)
                    : FormValidation.ok();
        }
    }
}
