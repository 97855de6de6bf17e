package io.releasegate.verify.drift;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The live state from HAProxy's stats page CSV over HTTP ({@code --stats http://127.0.0.1:9000/stats;csv}). A
 * {@code user:password@} in the URL is sent as HTTP basic authentication and never shown in {@link #describe()}.
 */
public final class StatsPage implements LiveStateSource {
    private final URI url;
    private final Duration timeout;

    /**
     * @param url     the CSV URL ({@code ...;csv}); a stats page URL without {@code ;csv} gets it appended
     * @param timeout for the whole request
     */
    public StatsPage(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public LiveBackend read(String backend) throws LiveStateException {
        throw new UnsupportedOperationException("implemented in the next commit");
    }

    @Override
    public String describe() {
        return "stats page " + url;
    }
}
