package io.releasegate.policy;

import io.releasegate.config.FileRules;
import io.releasegate.diff.Change;
import io.releasegate.diff.DiffResult;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryException;
import io.releasegate.diff.RevisionDiff;
import io.releasegate.log.LogSink;
import io.releasegate.signoff.AllowedSignersSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole "what does this change do, and does it need review" step: opens the repository, loads the policy that
 * judges the change (the operator's, else the one at the <b>base</b> revision, never the change's own), diffs the
 * load-balancer files, the policy file itself and the allowed signers file (who may sign approvals), and assesses. Shared by the CLI's {@code diff} and {@code run} and
 * by the Jenkins step.
 */
public final class ChangeAssessment {
    private ChangeAssessment() {
    }

    /**
     * @param repositoryDir a directory inside the git repository
     * @param policyFile    an operator's policy file, or empty for {@code .releasegate.yml} at the base revision
     * @param includePatch  also produce the unified diff of the LB files
     */
    public static ChangeReport assess(Path repositoryDir, String base, String head, Optional<Path> policyFile,
            boolean includePatch, LogSink log) throws RepositoryException, PolicyException {
        return assess(repositoryDir, base, head, PolicyLocation.of(policyFile), includePatch, log);
    }

    /**
     * @param repositoryDir a directory inside the git repository
     * @param location      where the judging policy comes from
     * @param includePatch  also produce the unified diff of the LB files
     */
    public static ChangeReport assess(Path repositoryDir, String base, String head, PolicyLocation location,
            boolean includePatch, LogSink log) throws RepositoryException, PolicyException {
        try (GitRepository repository = GitRepository.open(repositoryDir)) {
            String baseSha = repository.resolve(base);
            String headSha = repository.resolve(head);
            PolicyLocation resolved = PolicySource.resolve(repository, baseSha, headSha, location);
            if (location instanceof PolicyLocation.OperatorFile operator
                    && resolved instanceof PolicyLocation.InRepository inRepository) {
                log.warn("the policy file %s is %s of the repository, whose work tree holds the change under review:"
                        + " it is read at the base revision", operator.file(), inRepository.path());
            }
            Policy policy = PolicySource.judging(repository, baseSha, resolved);
            log.info("policy: %s", policy.source());
            DiffResult diff = new RevisionDiff(repository, FileRules.of(policy.files()), log,
                    policy.holds().maxDuration(), Clock.systemUTC()).compare(baseSha, headSha, includePatch);
            String path = PolicySource.repositoryPath(resolved);
            PolicyChanges.Result edits = PolicyChanges.between(PolicySource.read(repository, baseSha, path),
                    PolicySource.read(repository, headSha, path));
            if (!edits.changes().isEmpty()) {
                log.warn("the change edits the policy %s (%d change(s)); the base revision's policy judges it",
                        path, edits.changes().size());
            }
            List<Change> signers = SignerChanges.between(AllowedSignersSource.PATH,
                    repository.read(baseSha, AllowedSignersSource.PATH), repository.read(headSha,
                            AllowedSignersSource.PATH));
            if (!signers.isEmpty()) {
                log.warn("the change edits %s (%d change(s)): who may sign approvals is itself reviewed",
                        AllowedSignersSource.PATH, signers.size());
            }
            List<Change> policyChanges = new ArrayList<>(edits.changes());
            policyChanges.addAll(signers);
            return ChangeReport.of(diff.withPolicyEdits(policyChanges, edits.errors()), policy);
        }
    }
}
