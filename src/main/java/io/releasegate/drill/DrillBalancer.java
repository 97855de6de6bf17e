package io.releasegate.drill;

import java.io.IOException;
import java.net.URI;

/** The drill's load balancer: embedded, or a real HAProxy or nginx. {@link #apply} is its deploy and its rollback. */
public interface DrillBalancer extends AutoCloseable {
    /** The frontend URL. */
    URI url();

    /** Makes {@code configText} (the file {@code path} of the drill repository at some revision) live. */
    void apply(String path, String configText) throws IOException;

    /** E.g. {@code embedded round-robin proxy}, {@code HAProxy 2.6 (pid 1234)}. */
    String describe();

    @Override
    void close();
}
