package io.releasegate.diff;

import java.io.Serializable;

/**
 * The git author of one of the commits between base and head: who may not approve the change.
 *
 * @param name  git author name, or null
 * @param email git author email, or null
 */
public record Author(String name, String email) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Author {
        name = name == null || name.isBlank() ? null : name.trim();
        email = email == null || email.isBlank() ? null : email.trim();
    }

    /** {@code Name <email>} as git prints it. */
    @Override
    public String toString() {
        return (name == null ? "" : name) + (email == null ? "" : " <" + email + ">");
    }
}
