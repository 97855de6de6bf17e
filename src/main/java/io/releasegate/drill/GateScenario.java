package io.releasegate.drill;

import io.releasegate.gate.GateRun;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A drill scenario the gate plays out ({@link Drill}): the pool at the base revision, the change committed on top of
 * it, what happens to the backends once it is deployed, and what the gate must do about it.
 *
 * @param name          the scenario's name on the command line
 * @param summary       one line for {@code drill --list}
 * @param base          the pool before the change
 * @param head          the pool after it
 * @param message       the change's commit message
 * @param overloadBoth  both backends answer 503 above 80 % of the drill's rate (else only web-01, the incident)
 * @param afterDeploy   what happens to the backends right after the deploy (web-02 crashes, ...)
 * @param findings      what the gate must have done, each {@code ok: ...} or {@code MISSED: ...}
 */
record GateScenario(String name, String summary, DrillFiles.Shape base, DrillFiles.Shape head, String message,
        boolean overloadBoth, Consumer<Backends> afterDeploy,
        BiFunction<GateRun, List<PagerDutyEndpoint.Event>, List<String>> findings) {
    GateScenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(afterDeploy, "afterDeploy");
        Objects.requireNonNull(findings, "findings");
    }

    /** The drill's backends, for {@link #afterDeploy}. */
    record Backends(DrillBackend web01, DrillBackend web02) {
    }
}
