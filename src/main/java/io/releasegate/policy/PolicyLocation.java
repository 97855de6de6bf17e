package io.releasegate.policy;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the policy that judges a change comes from. Never from the change itself: a file of the repository is read
 * from git at the <b>base</b> revision (what was already reviewed); an operator's file is read from disk as given.
 * See "Trust model" in docs/policy.md.
 */
public sealed interface PolicyLocation {
    /** {@code .releasegate.yml} at the base revision, else the built-in defaults: the usual case. */
    static PolicyLocation repository() {
        return new InRepository(PolicyLoader.FILE_NAME);
    }

    /** The operator's file ({@code --config FILE}) when given, else {@code .releasegate.yml} at base. */
    static PolicyLocation of(Optional<Path> operatorFile) {
        return operatorFile.<PolicyLocation>map(OperatorFile::new).orElseGet(PolicyLocation::repository);
    }

    /**
     * A path in a workspace (the Jenkins step's {@code config}): inside the repository's work tree it names the
     * repository's file, read at base (the work tree holds the change under review); outside it, an operator's file.
     */
    static PolicyLocation workspace(Path file) {
        return new WorkspaceFile(file);
    }

    /** A policy file of the repository, read from git at the base revision. */
    record InRepository(String path) implements PolicyLocation {
        public InRepository {
            Objects.requireNonNull(path, "path");
        }
    }

    /** An operator's policy file on disk: it overrides the repository's. */
    record OperatorFile(Path file) implements PolicyLocation {
        public OperatorFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A workspace path, resolved against the repository's work tree when the repository is open. */
    record WorkspaceFile(Path file) implements PolicyLocation {
        public WorkspaceFile {
            Objects.requireNonNull(file, "file");
        }
    }
}
