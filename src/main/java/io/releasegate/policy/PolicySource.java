package io.releasegate.policy;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.read.TextFile;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the policy. The policy that judges a change is the operator's file when given, else the policy file at the
 * <b>base</b> revision (read from git objects, so neither the change nor the work tree can replace it), else the
 * built-in defaults. See "Trust model" in docs/policy.md.
 */
public final class PolicySource {
    /** The largest policy file read from disk. */
    private static final long MAX_BYTES = 1_000_000;

    private PolicySource() {
    }

    /**
     * Where the policy for the change {@code baseSha..headSha} really comes from. A workspace path inside the
     * repository's work tree, and an operator's path ({@code --config}) to a file that git tracks at base or head, name
     * the repository's file, read at base: the work tree is a checkout of the change under review, so such a path
     * on disk holds the change's own policy. Anything else stays as given.
     */
    public static PolicyLocation resolve(GitRepository repository, String baseSha, String headSha,
            PolicyLocation location) throws RepositoryException {
        if (location instanceof PolicyLocation.WorkspaceFile workspace) {
            return repository.workTreePath(workspace.file()).<PolicyLocation>map(PolicyLocation.InRepository::new)
                    .orElseGet(() -> new PolicyLocation.OperatorFile(workspace.file()));
        }
        if (location instanceof PolicyLocation.OperatorFile operator) {
            Optional<String> path = repository.workTreePath(operator.file());
            if (path.isPresent() && (repository.read(baseSha, path.get()).isPresent()
                    || repository.read(headSha, path.get()).isPresent())) {
                return new PolicyLocation.InRepository(path.get());
            }
        }
        return location;
    }

    /**
     * The policy that judges the change {@code baseSha..head}.
     *
     * @param location where the policy comes from, {@link #resolve resolved}
     * @throws PolicyException when the operator's file is missing or invalid, or the base revision's policy is
     *                         invalid (exit code 2: the base is what was approved, and an invalid one judges nothing)
     */
    public static Policy judging(GitRepository repository, String baseSha, PolicyLocation location)
            throws PolicyException, RepositoryException {
        if (location instanceof PolicyLocation.OperatorFile operator) {
            return fromFile(operator.file());
        }
        PolicyFile base = read(repository, baseSha, repositoryPath(location));
        if (base.error().isPresent()) {
            throw new PolicyException("invalid policy at the base revision " + PolicyFile.shortSha(baseSha)
                    + ", which judges this change (fix it in a change reviewed with an operator's policy, "
                    + "--config FILE): " + base.error().get().getMessage(), base.error().get());
        }
        return base.policy().orElseGet(Policy::defaults);
    }

    /** The policy file of the repository that a {@link #resolve resolved} location stands for. */
    static String repositoryPath(PolicyLocation location) {
        return location instanceof PolicyLocation.InRepository inRepository ? inRepository.path()
                : PolicyLoader.FILE_NAME;
    }

    /** The policy file {@code path} at {@code sha}, parsed. */
    static PolicyFile read(GitRepository repository, String sha, String path) throws RepositoryException {
        return PolicyFile.of(path, sha, repository.read(sha, path));
    }

    /**
     * The policy of one revision on its own ({@code lint}, {@code verify --repo}, which judge no change): an
     * explicit file, else {@code .releasegate.yml} at {@code revision}, else the built-in defaults.
     *
     * @param explicit a policy file given on the command line; it must exist
     * @throws PolicyException when the explicit file is missing or any policy file is invalid
     */
    public static Policy load(GitRepository repository, String revision, Optional<Path> explicit)
            throws PolicyException, RepositoryException {
        if (explicit.isPresent()) {
            return fromFile(explicit.get());
        }
        PolicyFile file = read(repository, repository.resolve(revision), PolicyLoader.FILE_NAME);
        if (file.error().isPresent()) {
            throw new PolicyException("invalid policy " + file.error().get().getMessage(), file.error().get());
        }
        return file.policy().orElseGet(Policy::defaults);
    }

    /** Reads a policy file from disk (a regular UTF-8 text file of at most 1 MB). */
    public static Policy fromFile(Path file) throws PolicyException {
        if (!Files.exists(file)) {
            throw new PolicyException("policy file not found: " + file, null);
        }
        try {
            return PolicyLoader.parse(file.toString(), TextFile.read(file, file.toString(), MAX_BYTES));
        } catch (IllegalArgumentException e) {
            throw new PolicyException("cannot read policy file " + e.getMessage(), e);
        } catch (ConfigParseException e) {
            throw new PolicyException("invalid policy " + e.getMessage(), e);
        }
    }
}
