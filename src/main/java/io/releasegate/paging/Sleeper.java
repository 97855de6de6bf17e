package io.releasegate.paging;

import java.time.Duration;

/** Port: waits between delivery attempts (real in production, recording in tests that must not wait long). */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps on the current thread. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());
}
