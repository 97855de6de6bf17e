package io.releasegate.signoff;

import java.io.Serializable;

/**
 * Whether one user may approve one change, and why, in words for the UI.
 *
 * @param allowed true when the user's approval would count
 * @param reason  the reason, a full sentence naming the user
 */
public record Eligibility(boolean allowed, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;
}
