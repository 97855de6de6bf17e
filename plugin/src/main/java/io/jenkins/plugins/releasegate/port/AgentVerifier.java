package io.jenkins.plugins.releasegate.port;

import hudson.FilePath;
import io.jenkins.plugins.releasegate.agent.AgentReply;
import io.jenkins.plugins.releasegate.agent.HoldInForce;
import io.jenkins.plugins.releasegate.agent.PoolSource;
import io.jenkins.plugins.releasegate.agent.VerifiedPool;
import io.releasegate.log.LogSink;
import io.releasegate.recovery.PoolVerifier;
import io.releasegate.recovery.Stage;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.VerificationSpec;
import io.releasegate.verify.probe.RateBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The recovery's verifier in Jenkins: each verification runs on the build's agent, in its workspace (created first,
 * as {@code sh} does), and only the typed result, the holds in force and the log lines come back. After a rollback
 * the pool is read at the change's base revision where it comes from the repository. The step's one rate budget stays
 * on the controller and is lent to each verification on the agent ({@link RateBudget#lend}), so the verification
 * after a rollback keeps its distance from the first one's last request.
 */
public final class AgentVerifier implements PoolVerifier {
    private final FilePath workspace;
    private final VerificationSpec spec;
    private final PoolSource afterDeploy;
    private final PoolSource afterRollback;
    private final String junit;
    private final Map<Stage, List<HoldInForce>> holds = new EnumMap<>(Stage.class);

    /**
     * @param afterRollback where the pool is read after a rollback
     * @param junit         workspace-relative JUnit XML of the verification after the deploy, or null
     */
    public AgentVerifier(FilePath workspace, VerificationSpec spec, PoolSource afterDeploy, PoolSource afterRollback,
            String junit) {
        this.workspace = workspace;
        this.spec = spec;
        this.afterDeploy = afterDeploy;
        this.afterRollback = afterRollback;
        this.junit = junit;
    }

    @Override
    public VerificationResult verify(Stage stage, RateBudget budget, LogSink log) {
        PoolSource source = stage == Stage.AFTER_DEPLOY ? afterDeploy : afterRollback;
        log.info("verifying %s against %s", spec.displayLb(), source.describe());
        try {
            workspace.mkdirs();
            AgentReply<VerifiedPool> reply;
            try {
                reply = workspace.act(new VerifyCallable(spec, source, stage == Stage.AFTER_DEPLOY ? junit : null,
                        budget.lend()));
            } finally {
                budget.settle();
            }
            reply.replay(log);
            VerifiedPool verified = reply.result();
            synchronized (holds) {
                holds.put(stage, verified.holds());
            }
            return verified.result();
        } catch (IOException e) {
            throw new UncheckedIOException("the agent could not verify: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while verifying on the agent");
        }
    }

    /** The holds in force that the verification of {@code stage} judged by; empty when it did not run. */
    public List<HoldInForce> holds(Stage stage) {
        synchronized (holds) {
            return holds.getOrDefault(stage, List.of());
        }
    }
}
