package io.releasegate.verify;

/** Why the traffic of one run ended. Only DONE and DECIDED let the plan decide; the rest cut the run short. */
enum Ending {
    /** The plan's sample is complete. */
    DONE,
    /** A FAIL became certain. */
    DECIDED,
    /** The deadline came first (or the rate budget had no permit left before it). */
    DEADLINE,
    /** The verifying thread was interrupted (a cancelled build, a stopped command). */
    CANCELLED,
    /** The request workers ended for another reason before the plan was complete. */
    STOPPED
}
