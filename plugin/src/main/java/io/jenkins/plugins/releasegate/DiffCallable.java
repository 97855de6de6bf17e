package io.jenkins.plugins.releasegate;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasegate.agent.JsonMaps;
import io.jenkins.plugins.releasegate.agent.LogLines;
import io.releasegate.diff.RepositoryException;
import io.releasegate.log.BufferedLog;
import io.releasegate.policy.ChangeReport;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.policy.PolicyException;
import io.releasegate.policy.PolicyLocation;
import io.releasegate.report.ChangeReportJson;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the engine's semantic diff and risk policy ({@link ChangeAssessment#assess}) on the agent, in the workspace's
 * git repository, with the unified diff of the load-balancer files. The policy that judges the change is read at the
 * <b>base</b> revision (the workspace holds the change under review); only a path outside the repository is read
 * from the agent's disk, as the operator's file. Returns JSON:
 * {@code {change, log}} where {@code change} is {@link ChangeReportJson#toMap} (the same JSON as
 * {@code release-gate diff --format json --patch}) and {@code log} the engine's log lines ({@link LogLines}), or
 * {@code {error, log}} when the repository, a revision or the policy cannot be read.
 */
final class DiffCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String base;
    private final String head;
    /**
     * The policy file relative to the repository directory, or null for {@code .releasegate.yml}: inside the
     * repository it is read from git at the base revision, outside it from the agent's disk.
     */
    private final String policy;

    DiffCallable(String base, String head, String policy) {
        this.base = base;
        this.head = head;
        this.policy = policy;
    }

    @Override
    public String invoke(File dir, VirtualChannel channel) {
        BufferedLog log = new BufferedLog();
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            PolicyLocation location = policy == null ? PolicyLocation.repository()
                    : PolicyLocation.workspace(dir.toPath().resolve(policy));
            ChangeReport report = ChangeAssessment.assess(dir.toPath(), base, head, location, true, log);
            answer.put("change", ChangeReportJson.toMap(report));
        } catch (RepositoryException | PolicyException e) {
            answer.put("error", e.getMessage());
        }
        answer.put("log", LogLines.of(log));
        return JsonMaps.write(answer);
    }
}
