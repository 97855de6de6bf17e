package io.releasegate.policy;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRules;
import io.releasegate.config.read.LocalConfigs;
import io.releasegate.config.Pool;
import io.releasegate.diff.DiffResult;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryConfigs;
import io.releasegate.diff.RepositoryException;
import java.io.IOException;
import java.util.Optional;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the declared pool by name in the load-balancer configs of a git revision or of one file, with the engine's
 * parsers (files selected by the revision's {@code .releasegate.yml}, else detected by content). Anything that cannot
 * be found or read is an IllegalArgumentException with the reason in words (the CLI's exit code 2). Used by
 * {@code verify --repo/--config} and by the Jenkins plugin's verify steps.
 */
public final class DeclaredPools {
    private DeclaredPools() {
    }

    /** The pool {@code name} in the configs of {@code repo} at {@code revision}. */
    public static Pool atRevision(Path repo, String revision, String name) {
        return atRevision(repo, revision, Optional.empty(), name);
    }

    /**
     * The pool {@code name} in the configs of {@code repo} at {@code revision}, the files selected by
     * {@code policyFile} when given, else by the revision's own {@code .releasegate.yml} (as for diff and lint).
     */
    public static Pool atRevision(Path repo, String revision, Optional<Path> policyFile, String name) {
        return atRevision(repo, revision, policyFile, List.of(name)).get(0);
    }

    /** The pools {@code names}, in that order, from one reading of the configs of {@code repo} at {@code revision}. */
    public static List<Pool> atRevision(Path repo, String revision, Optional<Path> policyFile, List<String> names) {
        try (GitRepository git = GitRepository.open(repo)) {
            Policy policy = PolicySource.load(git, revision, policyFile);
            RepositoryConfigs.Snapshot snapshot = RepositoryConfigs.at(git, revision, FileRules.of(policy.files()));
            List<String> unreadable = new ArrayList<>();
            for (DiffResult.ParseError error : snapshot.errors()) {
                unreadable.add(error.file() + ":" + error.line() + ": " + error.message());
            }
            String where = "at " + revision + " (" + abbreviate(snapshot.revision()) + ")";
            List<Pool> pools = new ArrayList<>();
            for (String name : names) {
                pools.add(find(snapshot.files(), name, where, unreadable));
            }
            return pools;
        } catch (RepositoryException | PolicyException e) {
            throw new IllegalArgumentException("--repo " + repo + " --rev " + revision + ": " + e.getMessage(), e);
        }
    }

    /** The pool {@code name} in one config file (format detected). */
    public static Pool inFile(Path file, String name) {
        return inFile(file, List.of(name)).get(0);
    }

    /** The pools {@code names}, in that order, from one reading of one config file (format detected). */
    public static List<Pool> inFile(Path file, List<String> names) {
        try {
            LocalConfigs.Result result = LocalConfigs.read(List.of(file), FileRules.byContent());
            List<String> unreadable = new ArrayList<>();
            for (ConfigParseException error : result.errors()) {
                unreadable.add(error.getMessage());
            }
            if (result.files().isEmpty() && unreadable.isEmpty()) {
                throw new IllegalArgumentException("--config " + file + ": not a load-balancer config (HAProxy, "
                        + "nginx or pool file)");
            }
            List<Pool> pools = new ArrayList<>();
            for (String name : names) {
                pools.add(find(result.files(), name, "in " + file, unreadable));
            }
            return pools;
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Pool find(List<ConfigFile> files, String name, String where, List<String> unreadable) {
        List<Pool> found = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (ConfigFile file : files) {
            for (Pool pool : file.pools()) {
                known.add(pool.name() + " (" + file.path() + ":" + pool.line() + ")");
                if (pool.name().equals(name)) {
                    found.add(pool);
                }
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("pool '" + name + "' is declared more than once " + where + ": "
                    + String.join(", ", known.stream().filter(k -> k.startsWith(name + " (")).toList()));
        }
        String message = "unknown pool '" + name + "' " + where + "; pools: "
                + (known.isEmpty() ? "none" : String.join(", ", known));
        if (!unreadable.isEmpty()) {
            message += "; files that could not be parsed: " + String.join("; ", unreadable);
        }
        throw new IllegalArgumentException(message);
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
