package io.releasegate.verify.health;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** The port through which health probes go out: one HTTP GET, bounded by a timeout. */
@FunctionalInterface
public interface HealthProbe {
    /** The answer to one probe. */
    record Response(int status, String body, long latencyNanos) {
    }

    /**
     * Sends one GET to {@code url} and reads the whole response.
     *
     * @throws IOException when no complete response arrived within {@code timeout} (refused, reset, timed out);
     *                     {@link HealthChecker} turns it into words
     */
    Response get(URI url, Duration timeout) throws IOException;

    /** The JDK {@link java.net.http.HttpClient}, no redirects followed, body read up to 64 KiB. */
    static HealthProbe jdk() {
        return new JdkHealthProbe();
    }
}
