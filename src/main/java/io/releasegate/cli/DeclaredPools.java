package io.releasegate.cli;

import io.releasegate.config.Pool;
import java.nio.file.Path;

/** Finds a declared pool by name in the load-balancer configs of a git revision or of one file. */
final class DeclaredPools {
    private DeclaredPools() {
    }

    /** The pool {@code name} in the configs of {@code repo} at {@code revision}. */
    static Pool atRevision(Path repo, String revision, String name) {
        throw new IllegalArgumentException("--repo: reading pools from git needs io.releasegate.diff.RepositoryConfigs, "
                + "not merged yet; use --expect");
    }

    /** The pool {@code name} in one config file (format detected). */
    static Pool inFile(Path file, String name) {
        throw new IllegalArgumentException("--config: needs io.releasegate.config.ConfigFiles, not merged yet; "
                + "use --expect");
    }
}
