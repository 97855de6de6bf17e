package io.releasegate.testing;

import java.util.ArrayList;
import java.util.List;

/** The processes and servers a test started, closed by their handles in reverse order of start. */
public final class Pieces implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();

    /** Keeps {@code piece} to close it at the end; returns it. */
    public <T extends AutoCloseable> T keep(T piece) {
        started.add(piece);
        return piece;
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}
