package io.jenkins.plugins.releasegate.port;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasegate.agent.AgentReply;
import io.releasegate.diff.RepositoryException;
import io.releasegate.log.BufferedLog;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.policy.ChangeReport;
import io.releasegate.policy.PolicyException;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the engine's semantic diff and risk policy ({@link ChangeAssessment#assess}) on the agent, in the workspace's
 * git repository, with the unified diff of the load-balancer files, and sends back the typed {@link ChangeReport}
 * with the engine's log lines, or the message of a repository, revision or policy that cannot be read.
 */
public final class DiffCallable extends MasterToSlaveFileCallable<AgentReply<ChangeReport>> {
    private static final long serialVersionUID = 1L;

    private final String base;
    private final String head;
    /** The policy file relative to the repository, or null for {@code .releasegate.yml} at the head revision. */
    private final String policy;

    public DiffCallable(String base, String head, String policy) {
        this.base = base;
        this.head = head;
        this.policy = policy;
    }

    @Override
    public AgentReply<ChangeReport> invoke(File dir, VirtualChannel channel) {
        BufferedLog log = new BufferedLog();
        try {
            Optional<Path> policyFile = policy == null ? Optional.empty() : Optional.of(dir.toPath().resolve(policy));
            return AgentReply.of(ChangeAssessment.assess(dir.toPath(), base, head, policyFile, true, log), log);
        } catch (RepositoryException | PolicyException e) {
            return AgentReply.refused(e.getMessage(), log);
        }
    }
}
