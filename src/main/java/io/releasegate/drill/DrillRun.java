package io.releasegate.drill;

import java.io.IOException;
import java.util.Map;

/** One drill scenario, run once: {@link #run()}, then {@link #close()} stops every piece. */
public interface DrillRun extends AutoCloseable {
    /**
     * Runs the scenario.
     *
     * @throws IOException when a piece cannot start (e.g. {@code --lb haproxy} without HAProxy installed)
     */
    DrillResult run() throws IOException;

    /** The pieces and their addresses, for {@code --keep}. */
    Map<String, String> endpoints();

    @Override
    void close();
}
