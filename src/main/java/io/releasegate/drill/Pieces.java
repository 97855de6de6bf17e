package io.releasegate.drill;

import io.releasegate.log.LogSink;
import java.util.ArrayList;
import java.util.List;

/** What a drill started (backends, load balancer, endpoints, repository), stopped last started first. */
final class Pieces implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final LogSink log;

    Pieces(LogSink log) {
        this.log = log;
    }

    /** Keeps {@code piece} to stop it on {@link #close()}. */
    <T extends AutoCloseable> T keep(T piece) {
        started.add(piece);
        return piece;
    }

    /** The piece started last. */
    AutoCloseable last() {
        return started.get(started.size() - 1);
    }

    /** Stops every piece, last started first; a piece that cannot stop is logged, the others still stop. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("drill: could not stop %s: %s", started.get(i), e.getMessage());
            }
        }
        started.clear();
    }
}
