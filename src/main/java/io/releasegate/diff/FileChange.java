package io.releasegate.diff;

import java.io.Serializable;

/**
 * A file that git says differs between the two revisions.
 *
 * @param path    path at the head revision (at the base revision when deleted)
 * @param oldPath path at the base revision (differs from {@code path} for renames; equals it otherwise)
 * @param status  ADDED, MODIFIED, DELETED, RENAMED or COPIED
 */
public record FileChange(String path, String oldPath, Status status) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What git says happened to the file. */
    public enum Status { ADDED, MODIFIED, DELETED, RENAMED, COPIED }
}
