package io.jenkins.plugins.releasegate;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasegate.agent.JsonMaps;
import io.jenkins.plugins.releasegate.agent.LogLines;
import io.releasegate.diff.RepositoryException;
import io.releasegate.log.BufferedLog;
import io.releasegate.policy.ChangeReport;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.policy.PolicyException;
import io.releasegate.report.ChangeReportJson;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the engine's semantic diff and risk policy ({@link ChangeAssessment#review}) on the agent, in the workspace's
 * git repository, with the unified diff of the load-balancer files. Returns JSON:
 * {@code {change, log}} where {@code change} is {@link ChangeReportJson#toMap} (the same JSON as
 * {@code release-gate diff --format json --patch}) and {@code log} the engine's log lines ({@link LogLines}), or
 * {@code {error, log}} when the repository, a revision or the policy cannot be read.
 */
final class DiffCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String base;
    private final String head;
    /** The policy file relative to the repository, or null for {@code .releasegate.yml} at the head revision. */
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
            Optional<Path> policyFile = policy == null ? Optional.empty()
                    : Optional.of(dir.toPath().resolve(policy));
            ChangeReport report = ChangeAssessment.assess(dir.toPath(), base, head, policyFile, true, log);
            answer.put("change", ChangeReportJson.toMap(report));
        } catch (RepositoryException | PolicyException e) {
            answer.put("error", e.getMessage());
        }
        answer.put("log", LogLines.of(log));
        return JsonMaps.write(answer);
    }
}
