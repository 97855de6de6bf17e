package io.jenkins.plugins.releasegate.agent;

import io.releasegate.config.Pool;
import io.releasegate.hold.Holds;
import io.releasegate.policy.DeclaredHolds;
import io.releasegate.policy.DeclaredPools;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the agent finds the pool as declared, relative to the workspace: nowhere (only the expected servers are
 * given), one load-balancer config file, or the repository's configuration at a revision ({@code .releasegate.yml}
 * or another policy file saying which files are load-balancer configs).
 *
 * @param pool     the pool's name, or null with expected servers only
 * @param config   a load-balancer config file, a policy file, or null for {@code .releasegate.yml}
 * @param revision the revision to read the repository at ({@code HEAD} after the deploy, the base after a rollback)
 */
public record PoolSource(String pool, String config, String revision) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The policy file name the engine reads at a revision by default. */
    public static final String DEFAULT_POLICY = ".releasegate.yml";

    /** No declaration: the step lists the expected servers ({@code expect:}) and names no config. */
    public static PoolSource none() {
        return new PoolSource(null, null, null);
    }

    /** The same source at another revision (only a repository source has one). */
    public PoolSource at(String otherRevision) {
        return new PoolSource(pool, config, otherRevision);
    }

    /** {@code .releasegate.yml} or any {@code *releasegate.yml}/{@code .yaml}: a policy, not an LB config file. */
    public static boolean isPolicyFile(String config) {
        Path file = Path.of(config).getFileName();
        String name = file == null ? "" : file.toString();
        return name.endsWith("releasegate.yml") || name.endsWith("releasegate.yaml");
    }

    /**
     * The declared pool, read in {@code workspace}.
     *
     * @throws IllegalArgumentException when the file, the revision or the pool cannot be found, in words
     */
    public Optional<Pool> read(Path workspace) {
        if (pool == null) {
            return Optional.empty();
        }
        if (config != null && !isPolicyFile(config)) {
            return Optional.of(DeclaredPools.inFile(workspace.resolve(config), pool));
        }
        Optional<Path> policy = config == null || DEFAULT_POLICY.equals(config) ? Optional.empty()
                : Optional.of(workspace.resolve(config));
        return Optional.of(DeclaredPools.atRevision(workspace, revision == null ? "HEAD" : revision, policy, pool));
    }

    /**
     * The holds the verification judges by: {@code .releasegate/holds.yml} of the repository at the same revision as
     * the pool (capped by that revision's policy); none for a single config file or expected servers only.
     *
     * @throws IllegalArgumentException when the holds file cannot be read, naming its file and line
     */
    public Holds holds(Path workspace) {
        if (pool == null || (config != null && !isPolicyFile(config))) {
            return Holds.none("");
        }
        Optional<Path> policy = config == null || DEFAULT_POLICY.equals(config) ? Optional.empty()
                : Optional.of(workspace.resolve(config));
        return DeclaredHolds.atRevision(workspace, revision == null ? "HEAD" : revision, policy);
    }

    /** What the verification is checked against, for the build log. */
    public String describe() {
        if (pool == null) {
            return "the expected servers";
        }
        if (config != null && !isPolicyFile(config)) {
            return "pool " + pool + " of " + config;
        }
        return "pool " + pool + " of the repository at " + (revision == null ? "HEAD" : revision);
    }
}
