package io.releasegate.paging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every requested wait and really sleeps, but at most {@code cap} (so tests stay fast). */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Duration cap;

    RecordingSleeper(Duration cap) {
        this.cap = cap;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        waits.add(duration);
        Thread.sleep(Math.min(duration.toMillis(), cap.toMillis()));
    }

    List<Duration> waits() {
        return List.copyOf(waits);
    }
}
