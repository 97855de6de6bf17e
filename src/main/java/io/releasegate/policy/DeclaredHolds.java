package io.releasegate.policy;

import io.releasegate.config.ConfigParseException;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryException;
import io.releasegate.hold.Holds;
import io.releasegate.hold.HoldsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the holds that {@code verify}, drift, {@code hold list} and {@code watch} judge by: {@code .releasegate/holds.yml}
 * at a revision (read from git objects, capped by that revision's policy or the operator's {@code --config}), or a
 * holds file on disk. A missing file at a revision is no holds; anything unreadable is an error naming file and line.
 */
public final class DeclaredHolds {
    private DeclaredHolds() {
    }

    /**
     * The holds of {@code repo} at {@code revision}.
     *
     * @throws IllegalArgumentException with the file, line and reason (the CLI's exit code 2)
     */
    public static Holds atRevision(Path repo, String revision, Optional<Path> policyFile) {
        try (GitRepository git = GitRepository.open(repo)) {
            String sha = git.resolve(revision);
            return atRevision(git, sha, PolicySource.load(git, sha, policyFile));
        } catch (RepositoryException | PolicyException e) {
            throw new IllegalArgumentException("--repo " + repo + " --rev " + revision + ": " + e.getMessage(), e);
        } catch (ConfigParseException e) {
            throw new IllegalArgumentException("invalid holds " + e.getMessage() + " (at " + revision + ")", e);
        }
    }

    /**
     * The {@code holds.maxDuration} of the policy at {@code revision} of {@code repo} (its {@code .releasegate.yml},
     * else the built-in default): what caps a holds file given on its own next to that revision.
     */
    public static Duration maxDurationAt(Path repo, String revision) {
        try (GitRepository git = GitRepository.open(repo)) {
            return PolicySource.load(git, git.resolve(revision), Optional.empty()).holds().maxDuration();
        } catch (RepositoryException | PolicyException e) {
            throw new IllegalArgumentException("--repo " + repo + " --rev " + revision + ": " + e.getMessage(), e);
        }
    }

    /** The holds at the commit {@code sha}, capped by {@code policy}: an approved revision, so its clock is not re-checked. */
    public static Holds atRevision(GitRepository git, String sha, Policy policy)
            throws RepositoryException, ConfigParseException {
        Optional<String> text = git.read(sha, HoldsFile.PATH);
        if (text.isEmpty()) {
            return Holds.none(HoldsFile.PATH);
        }
        return HoldsFile.parseApproved(HoldsFile.PATH, text.get(), policy.holds().maxDuration());
    }

    /**
     * The holds in a file on disk; a missing file is no holds when {@code mayBeMissing}.
     *
     * @throws IllegalArgumentException with the file, line and reason
     */
    public static Holds inFile(Path file, Duration maxDuration, Instant now, boolean mayBeMissing) {
        try {
            return HoldsFile.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), maxDuration, now);
        } catch (NoSuchFileException e) {
            if (mayBeMissing) {
                return Holds.none(file.toString());
            }
            throw new IllegalArgumentException("holds file not found: " + file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the holds file " + file + ": " + e.getMessage(), e);
        } catch (ConfigParseException e) {
            throw new IllegalArgumentException("invalid holds " + e.getMessage(), e);
        }
    }
}
