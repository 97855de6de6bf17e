package io.releasegate.diff;

import io.releasegate.config.ConfigFormat;
import java.io.Serializable;
import java.util.List;

/**
 * The semantic difference of the load-balancer configuration between two revisions (before risk is assessed).
 *
 * @param base    full SHA of the base revision
 * @param head    full SHA of the head revision
 * @param files   the load-balancer files that differ
 * @param changes the semantic changes, in file order
 * @param pools   the head state of every pool a change touches
 * @param errors  parse errors at either revision
 * @param authors authors of the commits between base and head
 * @param patch   the unified diff of the load-balancer files, when asked for; else empty
 */
public record DiffResult(String base, String head, List<FileEntry> files, List<Change> changes,
        List<PoolSummary> pools, List<ParseError> errors, List<Author> authors, String patch)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public DiffResult {
        files = List.copyOf(files);
        changes = List.copyOf(changes);
        pools = List.copyOf(pools);
        errors = List.copyOf(errors);
        authors = List.copyOf(authors);
        patch = patch == null ? "" : patch;
    }

    /**
     * {@code sha256:<hex>} over the canonical change set alone. An approval is pinned to the judged change's digest
     * ({@code ChangeReport.digest()}), which also covers the judging policy.
     */
    public String digest() {
        return ChangeDigest.of(changes);
    }

    /**
     * The same diff with the edits of the policy file: their changes first (a reviewer reads them before anything
     * else), their parse errors after the others.
     */
    public DiffResult withPolicyEdits(List<Change> policyChanges, List<ParseError> policyErrors) {
        if (policyChanges.isEmpty() && policyErrors.isEmpty()) {
            return this;
        }
        List<Change> all = new java.util.ArrayList<>(policyChanges);
        all.addAll(changes);
        List<ParseError> allErrors = new java.util.ArrayList<>(errors);
        allErrors.addAll(policyErrors);
        return new DiffResult(base, head, files, all, pools, allErrors, authors, patch);
    }

    /** A load-balancer file that differs. */
    public record FileEntry(String path, String oldPath, ConfigFormat format, FileChange.Status status)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A file that could not be parsed, at {@code revision} ("base" or "head"). */
    public record ParseError(String file, int line, int column, String message, String revision)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The head state of a pool. */
    public record PoolSummary(String name, String file, String algorithm, List<String> activeServers,
            List<String> backupServers, int totalWeight) implements Serializable {
        private static final long serialVersionUID = 1L;

        public PoolSummary {
            activeServers = List.copyOf(activeServers);
            backupServers = List.copyOf(backupServers);
        }
    }
}
