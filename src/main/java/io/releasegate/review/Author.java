package io.releasegate.review;

import java.io.Serializable;

/**
 * The git author of one of the commits between base and head.
 *
 * @param name  git author name, or null
 * @param email git author email, or null
 */
public record Author(String name, String email) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Author {
        name = Names.blankToNull(name);
        email = Names.blankToNull(email);
    }

    /** {@code Name <email>} as git prints it. */
    @Override
    public String toString() {
        return (name == null ? "" : name) + (email == null ? "" : " <" + email + ">");
    }
}
