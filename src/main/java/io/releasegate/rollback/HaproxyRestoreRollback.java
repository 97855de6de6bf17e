package io.releasegate.rollback;

import io.releasegate.config.Pool;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.live.LiveStateException;
import io.releasegate.live.RestoreOutcome;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Rolls back live HAProxy state over the runtime API: every server that git declares (and does not disable) goes
 * back to READY with its declared weight ({@link HaproxyRuntime#restore}). This is exactly the fix the incident
 * needed: web-02 put back into the pool. It cannot add servers that the running configuration lacks; those are
 * reported as a failed rollback. A runtime API that cannot be reached before anything is sent is a rollback that
 * did not start.
 */
public final class HaproxyRestoreRollback implements RollbackAction {
    private final HaproxyRuntime runtime;
    private final Pool declared;

    /** @param declared the pool as git declares it (the known-good revision) */
    public HaproxyRestoreRollback(HaproxyRuntime runtime, Pool declared) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.declared = Objects.requireNonNull(declared, "declared");
    }

    @Override
    public RollbackResult run(RollbackContext context) {
        String action = "restore HAProxy backend " + declared.name() + " over the " + runtime.describe();
        long start = System.nanoTime();
        try {
            runtime.showServersState(declared.name());
        } catch (LiveStateException | RuntimeException e) {
            return RollbackResult.notStarted(action, elapsedMs(start), "the runtime API could not be reached, so "
                    + "nothing was restored: " + e.getMessage());
        }
        try {
            RestoreOutcome outcome = runtime.restore(declared);
            String output = String.join("\n", outcome.changes());
            return outcome.succeeded() ? RollbackResult.ok(action, null, output, elapsedMs(start), outcome.summary())
                    : RollbackResult.failed(action, null, false, output, elapsedMs(start), outcome.summary());
        } catch (LiveStateException | RuntimeException e) {
            return RollbackResult.failed(action, null, false, "", elapsedMs(start), "the runtime API failed during "
                    + "the restore: " + e.getMessage());
        }
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public String toString() {
        return "HaproxyRestoreRollback[" + declared.name() + ", " + runtime.describe() + "]";
    }
}
