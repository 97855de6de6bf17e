package io.releasegate.log;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Records the steps of a run with their timings (monotonic clock, milliseconds since the start). */
public final class Timeline {
    private final LongSupplier nanos;
    private final long start;
    private final List<TimedStep> steps = new ArrayList<>();

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
    public synchronized TimedStep record(String name, TimedStep.Status status, long startMs, String detail) {
        TimedStep step = new TimedStep(name, status, startMs, Math.max(0, now() - startMs), detail);
        steps.add(step);
        return step;
    }

    /** Records a step that did not run. */
    public synchronized TimedStep skip(String name, String detail) {
        TimedStep step = new TimedStep(name, TimedStep.Status.SKIPPED, now(), 0, detail);
        steps.add(step);
        return step;
    }

    public synchronized List<TimedStep> steps() {
        return List.copyOf(steps);
    }
}
