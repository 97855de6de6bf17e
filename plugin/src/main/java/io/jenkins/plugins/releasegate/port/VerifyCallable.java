package io.jenkins.plugins.releasegate.port;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasegate.agent.AgentReply;
import io.jenkins.plugins.releasegate.agent.AgentVerification;
import io.jenkins.plugins.releasegate.agent.PoolSource;
import io.jenkins.plugins.releasegate.agent.VerifiedPool;
import io.releasegate.log.BufferedLog;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.VerificationSpec;
import io.releasegate.verify.probe.RateBudget;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs one verification on the agent ({@link AgentVerification}) and sends back the engine's typed
 * {@link VerificationResult} with the holds in force ({@link VerifiedPool}) and its log lines, or the bad-input
 * message that stopped it. Its requests take their permits from the step's rate budget, lent to the agent for this
 * call.
 */
final class VerifyCallable extends MasterToSlaveFileCallable<AgentReply<VerifiedPool>> {
    private static final long serialVersionUID = 1L;

    private final VerificationSpec spec;
    private final PoolSource source;
    private final String junit;
    private final RateBudget.Lease budget;

    VerifyCallable(VerificationSpec spec, PoolSource source, String junit, RateBudget.Lease budget) {
        this.spec = spec;
        this.source = source;
        this.junit = junit;
        this.budget = budget;
    }

    @Override
    public AgentReply<VerifiedPool> invoke(File dir, VirtualChannel channel) throws IOException {
        BufferedLog log = new BufferedLog();
        try {
            return AgentReply.of(AgentVerification.run(dir.toPath(), spec, source, junit, budget.open(),
                    Clock.systemUTC(), log), log);
        } catch (IllegalArgumentException e) {
            return AgentReply.refused(e.getMessage(), log);
        }
    }
}
