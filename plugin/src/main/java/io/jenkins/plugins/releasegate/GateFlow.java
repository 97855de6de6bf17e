package io.jenkins.plugins.releasegate;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasegate.agent.PoolSource;
import io.jenkins.plugins.releasegate.port.AgentRollback;
import io.jenkins.plugins.releasegate.port.AgentVerifier;
import io.jenkins.plugins.releasegate.port.TaskListenerLog;
import io.jenkins.plugins.releasegate.view.RecoveryView;
import io.releasegate.log.LogSink;
import io.releasegate.paging.PageResult;
import io.releasegate.recovery.ChangeFacts;
import io.releasegate.recovery.Incident;
import io.releasegate.recovery.Recovery;
import io.releasegate.recovery.RecoveryResult;
import io.releasegate.report.RecoveryJson;
import io.releasegate.rollback.RollbackAction;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.verify.VerificationSpec;
import io.releasegate.verify.probe.RateBudget;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What {@code releaseGateVerify} and {@code releaseGate} do after a deploy: fill the engine's {@link Recovery} with
 * Jenkins' ports (the verifier and the rollback on the agent, the pager with Jenkins credentials, the log into the
 * build listener), record its result on the build's page, and fail the build or mark it unstable. The decisions are
 * the engine's, the same as {@code release-gate run}'s. Runs on a background thread, never on the CPS thread.
 */
final class GateFlow {
    private final StepContext context;
    private final VerifyStepBase step;
    private final JenkinsFacade jenkins;

    GateFlow(StepContext context, VerifyStepBase step, JenkinsFacade jenkins) {
        this.context = context;
        this.step = step;
        this.jenkins = jenkins;
    }

    Map<String, Object> run() throws IOException, InterruptedException {
        String problem = step.problem();
        if (problem != null) {
            throw new AbortException("Release Gate: " + problem);
        }
        VerificationSpec spec = step.spec();
        RateBudget budget = spec.rateBudget(); // one per step run: the verification and the one after a rollback
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        EnvVars environment = context.get(EnvVars.class);
        LogSink log = new TaskListenerLog(listener);
        ReleaseGateAction action = ReleaseGateAction.of(run);
        ChangeFacts change = action.changeFacts();
        String base = first(step.getBase(), change == null ? null : change.base());
        String head = first(step.getHead(), change == null ? null : change.head());
        String pool = step.poolLabel();
        PoolSource afterDeploy = step.poolSource();
        AgentVerifier verifier = new AgentVerifier(workspace, spec, afterDeploy,
                base == null ? afterDeploy : afterDeploy.at(base), step.getJunit());
        RollbackAction rollback = step.getRollback() == null ? null : new AgentRollback(workspace,
                step.getRollback(), Duration.ofMinutes(step.getRollbackTimeout()),
                environment == null ? Map.of() : environment);
        Incident incident = new Incident(run.getParent().getFullName(), pool, change, jenkins.pageUrl(run),
                earlierOpen(run, pool));
        RecoveryResult result;
        try {
            result = Recovery.builder(verifier, budget, log).rollback(rollback)
                    .pager(new JenkinsPager(run, jenkins, log, step.isPage())).build()
                    .afterDeploy(incident, new RollbackContext(base == null ? "" : base, head == null ? "" : head,
                            pool, null));
        } catch (CancellationException e) {
            throw new InterruptedException(e.getMessage());
        }
        RecoveryView view = RecoveryView.of(pool, result, page -> EscalationBridge.keptIn(run, page),
                verifier::holds);
        action.addRecovery(pool, result, view);
        if (result.rollback() != null && !result.rollback().output().isBlank()) {
            String output = result.rollback().output();
            listener.getLogger().print(output.endsWith("\n") ? output : output + "\n");
        }
        log.info("%s", result.summary());
        if (!result.passed()) {
            if (step.isFailBuild()) {
                throw new AbortException("Release Gate: " + result.summary());
            }
            run.setResult(Result.UNSTABLE);
            context.get(FlowNode.class).addAction(new WarningAction(Result.UNSTABLE).withMessage(result.summary()));
            listener.getLogger().println("Release Gate: the build is marked unstable (failBuild: false)");
        }
        return returned(run, result);
    }

    /** What the step returns: the engine's recovery map, with where each undelivered page is kept. */
    private static Map<String, Object> returned(Run<?, ?> run, RecoveryResult result) {
        Map<String, Object> map = PipelineValues.plainMap(RecoveryJson.toMap(result));
        List<PageResult> pages = result.pages();
        @SuppressWarnings("unchecked")
        List<Object> maps = (List<Object>) map.get("pages");
        for (int i = 0; i < pages.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> page = (Map<String, Object>) maps.get(i);
            page.put("outbox", EscalationBridge.keptIn(run, pages.get(i)));
        }
        return map;
    }

    /** The incident the job's previous build left open for this pool, resolved when this verification passes. */
    private static String earlierOpen(Run<?, ?> run, String pool) {
        Run<?, ?> previous = run.getPreviousCompletedBuild();
        ReleaseGateAction earlier = previous == null ? null : previous.getAction(ReleaseGateAction.class);
        return earlier == null ? null : earlier.openIncident(pool);
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
