package io.releasegate.verify.check;

/** How one check classified its observations (Kayenta's judge: classify, then score, then judge). */
public enum CheckStatus {
    /** The observations meet the expectation. */
    PASS,
    /** The observations contradict the expectation. A declared backend with no traffic is always FAIL. */
    FAIL,
    /** Nothing was observed for a check that was not required to see anything. Never used for declared backends. */
    NO_DATA,
    /** The check itself could not run (bad socket, unparseable stats); says why. */
    ERROR,
    /**
     * The evidence was cut short (deadline, cancellation, no room under the rate cap) before the check's own rule
     * allowed a decision: neither PASS nor FAIL is certain. Never a pass.
     */
    INCONCLUSIVE
}
