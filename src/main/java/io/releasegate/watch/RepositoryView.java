package io.releasegate.watch;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRules;
import io.releasegate.config.Pool;
import io.releasegate.diff.DiffResult;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryConfigs;
import io.releasegate.diff.RepositoryException;
import io.releasegate.hold.Holds;
import io.releasegate.policy.DeclaredHolds;
import io.releasegate.policy.Policy;
import io.releasegate.policy.PolicyException;
import io.releasegate.policy.PolicySource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the watch checks against: the revision the repository's HEAD (or another ref) points to now, re-read only when
 * it moves. When the repository cannot be read, or the new revision cannot be understood, the last good snapshot
 * stays in force and the problem is kept, with when it started, to be reported as what it is.
 */
public final class RepositoryView {
    /**
     * One revision, read whole.
     *
     * @param sha     the commit
     * @param readAt  when it was read
     * @param policy  the policy (the operator's {@code --config}, else {@code .releasegate.yml} of the revision)
     * @param pools   the declared pools by name (a name declared twice is left out, see {@code errors})
     * @param holds   the holds of the revision
     * @param errors  files that could not be parsed, and pools declared more than once, in words
     */
    public record Snapshot(String sha, Instant readAt, Policy policy, Map<String, Pool> pools, Holds holds,
            List<String> errors) {
        public Snapshot {
            pools = Map.copyOf(pools);
            errors = List.copyOf(errors);
        }

        public String shortSha() {
            return sha.substring(0, Math.min(10, sha.length()));
        }
    }

    /**
     * The outcome of one refresh.
     *
     * @param moved   a new revision was read this time
     * @param problem why the repository or the new revision could not be read, empty when all is well
     * @param since   when the current problem started (null without one)
     */
    public record Refresh(boolean moved, Optional<String> problem, Instant since) {
    }

    private final Path repository;
    private final String ref;
    private final Optional<Path> operatorPolicy;
    private final Clock clock;
    private Snapshot current;
    private String problem;
    private Instant problemSince;

    public RepositoryView(Path repository, String ref, Optional<Path> operatorPolicy, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.ref = Objects.requireNonNull(ref, "ref");
        this.operatorPolicy = Objects.requireNonNull(operatorPolicy, "operatorPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Resolves the ref again and reads the revision when it moved. Never throws for an unreadable repository. */
    public synchronized Refresh refresh() {
        try (GitRepository git = GitRepository.open(repository)) {
            String sha = git.resolve(ref);
            boolean moved = current == null || !current.sha().equals(sha);
            if (moved) {
                current = read(git, sha);
            }
            problem = null;
            problemSince = null;
            return new Refresh(moved, Optional.empty(), null);
        } catch (RepositoryException | PolicyException | ConfigParseException | RuntimeException e) {
            String reason = e instanceof ConfigParseException ? "invalid holds " + e.getMessage() : e.getMessage();
            if (problem == null) {
                problemSince = clock.instant();
            }
            problem = (reason == null ? e.getClass().getSimpleName() : reason)
                    + (current == null ? "" : "; still checking against " + current.shortSha() + " read at "
                            + current.readAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            return new Refresh(false, Optional.of(problem), problemSince);
        }
    }

    /** The revision in force, if one was ever read. */
    public synchronized Optional<Snapshot> current() {
        return Optional.ofNullable(current);
    }

    private Snapshot read(GitRepository git, String sha) throws RepositoryException, PolicyException,
            ConfigParseException {
        Policy policy = PolicySource.load(git, sha, operatorPolicy);
        RepositoryConfigs.Snapshot configs = RepositoryConfigs.at(git, sha, FileRules.of(policy.files()));
        List<String> errors = new ArrayList<>();
        for (DiffResult.ParseError error : configs.errors()) {
            errors.add(error.file() + ":" + error.line() + ": " + error.message());
        }
        Map<String, Pool> pools = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (ConfigFile file : configs.files()) {
            for (Pool pool : file.pools()) {
                String where = file.path() + ":" + pool.line();
                if (seen.putIfAbsent(pool.name(), where) != null) {
                    errors.add("pool " + pool.name() + " is declared more than once (" + seen.get(pool.name())
                            + ", " + where + ")");
                    pools.remove(pool.name());
                } else {
                    pools.put(pool.name(), pool);
                }
            }
        }
        Holds holds = DeclaredHolds.atRevision(git, sha, policy);
        return new Snapshot(sha, clock.instant(), policy, pools, holds, errors);
    }
}
