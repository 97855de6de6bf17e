package io.releasegate.diff;

/** A repository or revision that cannot be read: not a git repository, an unknown revision, a corrupt object. */
public class RepositoryException extends Exception {
    private static final long serialVersionUID = 1L;

    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
