package io.releasegate.live;

/** Where the live state of a backend comes from: {@link HaproxyRuntime} (socket) or {@link StatsPage} (HTTP CSV). */
public interface LiveStateSource {
    /**
     * Reads the live servers of {@code backend}. A backend the load balancer does not have is returned with
     * {@link LiveBackend#exists()} false, not thrown.
     *
     * @throws LiveStateException when the source is unreachable or its answer cannot be understood
     */
    LiveBackend read(String backend) throws LiveStateException;

    /** The source in words, without secrets (e.g. {@code stats page http://127.0.0.1:9000/stats;csv}). */
    String describe();
}
