package io.releasegate.diff;

import java.io.Serializable;

/** The git author of a commit under review. */
public record Author(String name, String email) implements Serializable {
    private static final long serialVersionUID = 1L;
}
