package io.releasegate.verify.drift;

import io.releasegate.config.Pool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A client of HAProxy's runtime API on its unix socket ({@code stats socket /run/haproxy/admin.sock level admin}):
 * reads the live state ({@code show servers state}, {@code show stat}) and changes it ({@code set server}). One
 * connection per command, bounded by the timeout. Backend and server names are checked against HAProxy's name
 * characters ({@code A-Z a-z 0-9 - _ . :}) before they are written to the socket, so nothing can inject a second
 * command.
 */
public final class HaproxyRuntime implements LiveStateSource {
    private final Path socket;
    private final Duration timeout;

    /**
     * @param socket  the runtime API unix socket; writes need {@code level admin}
     * @param timeout per command: connect, send and read the whole answer
     */
    public HaproxyRuntime(Path socket, Duration timeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** {@code show servers state <backend>}, parsed. */
    @Override
    public LiveBackend read(String backend) throws LiveStateException {
        return showServersState(backend);
    }

    /** {@code show servers state <backend>}, parsed. */
    public LiveBackend showServersState(String backend) throws LiveStateException {
        throw new UnsupportedOperationException("implemented in the next commit");
    }

    /** {@code show stat}, parsed for {@code backend} (the same CSV as the stats page). */
    public LiveBackend showStat(String backend) throws LiveStateException {
        throw new UnsupportedOperationException("implemented in the next commit");
    }

    /** {@code set server <backend>/<server> state ready|drain|maint}. */
    public void setState(String backend, String server, AdminState state) throws LiveStateException {
        throw new UnsupportedOperationException("implemented in the next commit");
    }

    /** {@code set server <backend>/<server> weight <weight>} (0 to 256). */
    public void setWeight(String backend, String server, int weight) throws LiveStateException {
        throw new UnsupportedOperationException("implemented in the next commit");
    }

    /**
     * Puts every declared server that is not disabled (active and backup) back to READY with its declared weight,
     * changing only what differs, and reports each change in words. Declared servers absent live cannot be added by
     * this operation and are reported as failures; undeclared live servers are left alone (drift reports them).
     *
     * @throws LiveStateException when the live state cannot be read at all
     */
    public RestoreOutcome restore(Pool declared) throws LiveStateException {
        throw new UnsupportedOperationException("implemented in the next commit");
    }

    /**
     * Sends one raw command line and returns HAProxy's whole answer. The command must be a single line without
     * {@code ;} (HAProxy's command separator).
     *
     * @throws LiveStateException when the socket cannot be reached or does not answer within the timeout
     * @throws IllegalArgumentException when the command contains a newline or {@code ;}
     */
    public String execute(String command) throws LiveStateException {
        throw new UnsupportedOperationException("implemented in the next commit");
    }

    @Override
    public String describe() {
        return "runtime API " + socket;
    }
}
