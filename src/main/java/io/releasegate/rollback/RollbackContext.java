package io.releasegate.rollback;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a rollback needs to know: the base and head revisions of the change, the pool it touched, and the directory
 * to run in ({@code workingDirectory} may be null: the current directory).
 */
public record RollbackContext(String base, String head, String pool, Path workingDirectory) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RollbackContext {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        pool = pool == null ? "" : pool;
    }
}
