package io.jenkins.plugins.releasegate.port;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasegate.agent.AgentReply;
import io.releasegate.diff.RepositoryException;
import io.releasegate.log.BufferedLog;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.policy.ChangeReport;
import io.releasegate.policy.PolicyException;
import io.releasegate.policy.PolicyLocation;
import java.io.File;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the engine's semantic diff and risk policy ({@link ChangeAssessment#assess}) on the agent, in the workspace's
 * git repository, with the unified diff of the load-balancer files, and sends back the typed {@link ChangeReport}
 * with the engine's log lines, or the message of a repository, revision or policy that cannot be read. The policy
 * that judges the change is read at the <b>base</b> revision (the workspace holds the change under review); only a
 * path outside the repository is read from the agent's disk, as the operator's file.
 */
public final class DiffCallable extends MasterToSlaveFileCallable<AgentReply<ChangeReport>> {
    private static final long serialVersionUID = 1L;

    private final String base;
    private final String head;
    /**
     * The policy file relative to the repository directory, or null for {@code .releasegate.yml}: inside the
     * repository it is read from git at the base revision, outside it from the agent's disk.
     */
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
            PolicyLocation location = policy == null ? PolicyLocation.repository()
                    : PolicyLocation.workspace(dir.toPath().resolve(policy));
            return AgentReply.of(ChangeAssessment.assess(dir.toPath(), base, head, location, true, log), log);
        } catch (RepositoryException | PolicyException e) {
            return AgentReply.refused(e.getMessage(), log);
        }
    }
}
