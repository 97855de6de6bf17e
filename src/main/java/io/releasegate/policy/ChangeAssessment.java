package io.releasegate.policy;

import io.releasegate.config.FileRules;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryException;
import io.releasegate.diff.RevisionDiff;
import io.releasegate.log.LogSink;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The whole "what does this change do, and does it need review" step: opens the repository, loads the policy at the
 * head revision, diffs and assesses. Shared by the CLI's {@code diff} and {@code run} and by the Jenkins step.
 */
public final class ChangeAssessment {
    private ChangeAssessment() {
    }

    /**
     * @param repositoryDir a directory inside the git repository
     * @param policyFile    an explicit policy file, or empty for {@code .releasegate.yml} at head
     * @param includePatch  also produce the unified diff of the LB files
     */
    public static ChangeReport assess(Path repositoryDir, String base, String head, Optional<Path> policyFile,
            boolean includePatch, LogSink log) throws RepositoryException, PolicyException {
        try (GitRepository repository = GitRepository.open(repositoryDir)) {
            Policy policy = PolicySource.load(repository, head, policyFile);
            log.info("policy: %s", policy.source());
            RevisionDiff diff = new RevisionDiff(repository, FileRules.of(policy.files()), log,
                    policy.holds().maxDuration(), Clock.systemUTC());
            return ChangeReport.of(diff.compare(base, head, includePatch), policy);
        }
    }
}
