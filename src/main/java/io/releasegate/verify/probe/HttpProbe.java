package io.releasegate.verify.probe;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The port through which verification sends requests. Implementations are thread-safe and may keep connections
 * alive between calls; {@link #close()} also aborts requests in flight.
 */
public interface HttpProbe extends AutoCloseable {
    /**
     * Sends {@code GET uri} and reads the whole response.
     *
     * @throws java.net.ConnectException       when nothing accepts the connection
     * @throws java.net.SocketTimeoutException when connecting or the response takes longer than {@code timeout}
     * @throws IOException                     for any other failure
     */
    ProbeResponse get(URI uri, Duration timeout) throws IOException;

    @Override
    void close();
}
