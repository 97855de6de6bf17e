package io.releasegate.drill;

import io.releasegate.gate.GateRun;
import io.releasegate.log.TimedStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the drill did and whether the gate (or the watch) caught the incident.
 *
 * @param scenario  the scenario's name ({@code removed-server}, {@code forgotten-hold}, ...)
 * @param headline  what the drill shows in one line ("the gate caught the incident", ...)
 * @param caught    the gate flagged the change, the verification failed with web-02 at 0 %, the rollback recovered
 *                  the pool, and the page was triggered and then resolved at the PagerDuty endpoint
 * @param findings  each of those checks in words ({@code ok: ...} or {@code MISSED: ...})
 * @param run       the gate run (null when the drill could not get that far)
 * @param timeline  the drill's whole timeline: set-up steps, the gate's steps, the page check
 * @param events    the events the PagerDuty endpoint accepted, in order
 * @param endpoints the pieces and their addresses (load balancer, backends, PagerDuty endpoint, repository)
 * @param workDir   where the repository, the outbox and the load balancer's files are
 * @param totalMs   the drill's total time
 */
public record DrillResult(String scenario, String headline, boolean caught, List<String> findings, GateRun run, List<TimedStep> timeline,
        List<PagerDutyEndpoint.Event> events, Map<String, String> endpoints, Path workDir, long totalMs) {
    public DrillResult {
        findings = List.copyOf(findings);
        timeline = List.copyOf(timeline);
        events = List.copyOf(events);
        endpoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(endpoints));
    }

    /** 0 when the gate caught the incident, 1 when it did not. */
    public int exitCode() {
        return caught ? 0 : 1;
    }
}
