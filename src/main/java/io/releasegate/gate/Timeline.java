package io.releasegate.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Records the steps of a run with their timings (monotonic clock, milliseconds since the start). */
public final class Timeline {
    private final LongSupplier nanos;
    private final long start;
    private final List<GateStep> steps = new ArrayList<>();

    public Timeline() {
        this(System::nanoTime);
    }

    Timeline(LongSupplier nanos) {
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    /** Milliseconds since the timeline started. */
    public long now() {
        return (nanos.getAsLong() - start) / 1_000_000;
    }

    /** Records a step that started at {@code startMs} and ends now. */
    public synchronized GateStep record(String name, GateStep.Status status, long startMs, String detail) {
        GateStep step = new GateStep(name, status, startMs, Math.max(0, now() - startMs), detail);
        steps.add(step);
        return step;
    }

    /** Records a step that did not run. */
    public synchronized GateStep skip(String name, String detail) {
        GateStep step = new GateStep(name, GateStep.Status.SKIPPED, now(), 0, detail);
        steps.add(step);
        return step;
    }

    public synchronized List<GateStep> steps() {
        return List.copyOf(steps);
    }
}
