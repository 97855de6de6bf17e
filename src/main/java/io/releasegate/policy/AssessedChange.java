package io.releasegate.policy;

import io.releasegate.diff.Change;
import java.io.Serializable;

/** A semantic change with the risk the policy gives it. */
public record AssessedChange(Change change, Risk risk) implements Serializable {
    private static final long serialVersionUID = 1L;
}
