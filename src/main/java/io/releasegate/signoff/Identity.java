package io.releasegate.signoff;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person who may approve: the user id (Jenkins user id or CLI reviewer name), the full name and mail address when
 * known (null otherwise), and the groups the user belongs to.
 *
 * @param id       user id, never blank
 * @param fullName display name, or null
 * @param email    mail address, or null
 * @param groups   group names (authorities), without the {@code group:} prefix
 */
public record Identity(String id, String fullName, String email, Set<String> groups) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Identity {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a user id must not be blank");
        }
        fullName = Names.blankToNull(fullName);
        email = Names.blankToNull(email);
        groups = groups == null ? Set.of() : Set.copyOf(new TreeSet<>(groups));
    }

    /** A user known only by id. */
    public static Identity of(String id) {
        return new Identity(id, null, null, Set.of());
    }
}
