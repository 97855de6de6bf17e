package io.releasegate.drill;

import io.releasegate.log.LogSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The drill's scenarios, by name: the gate's ({@code removed-server}, the incident as a change and the main job;
 * {@code weight-typo}; {@code health-check-removed}) and the watch's ({@code forgotten-hold}, the incident as it really
 * happened; {@code slow-backend}).
 */
public final class DrillScenarios {
    /** The scenario {@code release-gate drill} runs without a name. */
    public static final String MAIN = "removed-server";

    /** A scenario's name and what it shows, for {@code drill --list}. */
    public record Entry(String name, String summary, boolean supportsNginx) {
    }

    private DrillScenarios() {
    }

    public static List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("forgotten-hold", "the incident as it really happened: web-02 is taken out under a "
                + "short hold, the hold ends, the watch pages its owner within one cycle, then the on-call chain; the "
                + "owner puts it back and the pages resolve", true));
        for (GateScenario scenario : GateScenarios.all()) {
            entries.add(new Entry(scenario.name(), scenario.summary(), scenario != GateScenarios.HEALTH_CHECK_REMOVED));
        }
        entries.add(new Entry("slow-backend", "web-02 turns slow between deploys: the first slow cycle pages nobody, "
                + "the second pages the on-call chain, the fix resolves it", true));
        return entries;
    }

    /**
     * The scenario {@code name}, ready to run.
     *
     * @throws IllegalArgumentException for an unknown name, naming the known ones
     */
    public static DrillRun start(String name, DrillOptions options, LogSink log) {
        String wanted = name == null ? MAIN : name.trim().toLowerCase(Locale.ROOT);
        Entry entry = list().stream().filter(e -> e.name().equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown scenario '" + name + "' (" + String.join(", ",
                        list().stream().map(Entry::name).toList()) + ")"));
        if (!entry.supportsNginx() && options.balancer() == DrillOptions.Balancer.NGINX) {
            throw new IllegalArgumentException("scenario " + wanted + " needs health checks, which open-source "
                    + "nginx does not run: use --lb embedded or --lb haproxy");
        }
        return switch (wanted) {
            case "forgotten-hold" -> new WatchRun(new WatchDrill(options, WatchDrill.Kind.FORGOTTEN_HOLD, log));
            case "slow-backend" -> new WatchRun(new WatchDrill(options, WatchDrill.Kind.SLOW_BACKEND, log));
            default -> new Drill(options, GateScenarios.all().stream().filter(s -> s.name().equals(wanted))
                    .findFirst().orElseThrow(), log);
        };
    }

    /** A watch scenario as a {@link DrillRun}. */
    private record WatchRun(WatchDrill drill) implements DrillRun {
        @Override
        public DrillResult run() throws java.io.IOException {
            return drill.run();
        }

        @Override
        public java.util.Map<String, String> endpoints() {
            return drill.endpoints();
        }

        @Override
        public void close() {
            drill.close();
        }
    }
}
