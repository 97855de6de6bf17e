package io.releasegate.live;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client of HAProxy's runtime API on its unix socket ({@code stats socket /run/haproxy/admin.sock level admin}):
 * reads the live state ({@code show servers state}, {@code show stat}) and changes it ({@code set server}). One
 * connection per command, bounded by the timeout. Backend and server names are checked against HAProxy's name
 * characters ({@code A-Z a-z 0-9 - _ . :}) before they are written to the socket, so nothing can inject a second
 * command.
 */
public final class HaproxyRuntime implements LiveStateSource {
    /** The characters HAProxy allows in proxy and server names ({@code invalid_char()} in its sources). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final int MAX_WEIGHT = 256;

    private final Path socket;
    private final RuntimeSocket connection;

    /**
     * @param socket  the runtime API unix socket; writes need {@code level admin}
     * @param timeout per command: connect, send and read the whole answer
     */
    public HaproxyRuntime(Path socket, Duration timeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("runtime API timeout must be positive, got " + timeout);
        }
        this.connection = new RuntimeSocket(socket, timeout);
    }

    /** {@code show servers state <backend>}, parsed. */
    @Override
    public LiveBackend read(String backend) throws LiveStateException {
        return showServersState(backend);
    }

    /** {@code show servers state <backend>}, parsed. */
    public LiveBackend showServersState(String backend) throws LiveStateException {
        checkName("backend", backend);
        return ServersStateParser.parse(execute("show servers state " + backend), backend, describe());
    }

    /** {@code show stat}, parsed for {@code backend} (the same CSV as the stats page). */
    public LiveBackend showStat(String backend) throws LiveStateException {
        checkName("backend", backend);
        return StatsCsvParser.parse(execute("show stat"), backend, describe());
    }

    /** {@code show info}: which HAProxy process answers, and since when (to notice a restart). */
    public ProcessInfo processInfo() throws LiveStateException {
        return ProcessInfo.parse(execute("show info"), describe());
    }

    /** {@code set server <backend>/<server> state ready|drain|maint}. */
    public void setState(String backend, String server, AdminState state) throws LiveStateException {
        Objects.requireNonNull(state, "state");
        write("set server " + target(backend, server) + " state " + state.command());
    }

    /** {@code set server <backend>/<server> weight <weight>} (0 to 256). */
    public void setWeight(String backend, String server, int weight) throws LiveStateException {
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be between 0 and " + MAX_WEIGHT + ", got " + weight);
        }
        write("set server " + target(backend, server) + " weight " + weight);
    }

    /**
     * Puts every declared server that is not disabled (active and backup) back to READY with its declared weight,
     * changing only what differs, and reports each change in words. Declared servers absent live cannot be added by
     * this operation and are reported as failures; undeclared live servers are left alone (drift reports them).
     * The live state is read again afterwards, and a server that is still not as declared (e.g. it inherits MAINT
     * from a server it tracks) is reported as a failure.
     *
     * @throws LiveStateException when the live state cannot be read at all
     */
    public RestoreOutcome restore(Pool declared) throws LiveStateException {
        String backend = declared.name();
        LiveBackend before = showServersState(backend);
        List<String> changes = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        if (!before.exists()) {
            failures.add("the live load balancer has no backend " + backend + ": the runtime API cannot create it; "
                    + "reload HAProxy with the declared configuration");
            return new RestoreOutcome(backend, changes, unchanged, failures);
        }
        List<Server> wanted = declared.servers().stream().filter(s -> !s.disabled()).toList();
        for (Server server : wanted) {
            Optional<LiveServer> live = before.server(server.name());
            if (live.isEmpty()) {
                failures.add(server.name() + " is declared but absent from the live backend " + backend
                        + ": the runtime API cannot add it; reload HAProxy with the declared configuration");
                continue;
            }
            restoreServer(backend, server, live.get(), changes, unchanged, failures);
        }
        if (!changes.isEmpty()) {
            confirm(backend, wanted, failures);
        }
        return new RestoreOutcome(backend, changes, unchanged, failures);
    }

    private void restoreServer(String backend, Server server, LiveServer live, List<String> changes,
            List<String> unchanged, List<String> failures) {
        String name = server.name();
        boolean same = true;
        try {
            if (live.adminState() != AdminState.READY) {
                setState(backend, name, AdminState.READY);
                changes.add(name + ": " + live.adminState()
                        + (live.adminOrigin().isEmpty() ? "" : " (" + live.adminOrigin() + ")") + " -> READY (set server "
                        + backend + "/" + name + " state ready)");
                same = false;
            }
            if (live.weight() != server.weight()) {
                setWeight(backend, name, server.weight());
                changes.add(name + ": weight " + live.weight() + " -> " + server.weight() + " (set server " + backend
                        + "/" + name + " weight " + server.weight() + ")");
                same = false;
            }
        } catch (LiveStateException | IllegalArgumentException e) {
            failures.add(name + ": " + e.getMessage());
            return;
        }
        if (same) {
            unchanged.add(name + ": READY, weight " + live.weight());
        }
    }

    private void confirm(String backend, List<Server> wanted, List<String> failures) throws LiveStateException {
        LiveBackend after = showServersState(backend);
        for (Server server : wanted) {
            after.server(server.name()).ifPresent(live -> {
                if (live.adminState() != AdminState.READY || live.weight() != server.weight()) {
                    failures.add(server.name() + " is still " + live.describe() + " after the restore"
                            + (live.adminState() == AdminState.READY ? "" : ": the runtime API cannot clear this "
                                    + "state directly"));
                }
            });
        }
    }

    /**
     * Sends one raw command line and returns HAProxy's whole answer. The command must be a single line without
     * {@code ;} (HAProxy's command separator).
     *
     * @throws LiveStateException when the socket cannot be reached or does not answer within the timeout
     * @throws IllegalArgumentException when the command contains a newline or {@code ;}
     */
    public String execute(String command) throws LiveStateException {
        Objects.requireNonNull(command, "command");
        if (command.isBlank() || command.chars().anyMatch(c -> c == ';' || c == '\n' || c == '\r' || c < 0x20)) {
            throw new IllegalArgumentException("refusing to send a runtime API command that is empty or holds ';', "
                    + "a newline or a control character: one command per call");
        }
        return connection.send(command);
    }

    private void write(String command) throws LiveStateException {
        String answer = execute(command).strip();
        if (!answer.isEmpty()) {
            throw new LiveStateException("HAProxy refused '" + command + "' on " + socket + ": " + answer);
        }
    }

    private static String target(String backend, String server) {
        checkName("backend", backend);
        checkName("server", server);
        return backend + "/" + server;
    }

    /** Whether HAProxy accepts {@code name} as a proxy or server name (so a runtime API line cannot carry more). */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static void checkName(String kind, String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("invalid HAProxy " + kind + " name '" + name + "': only letters, "
                    + "digits, '-', '_', '.' and ':' are allowed");
        }
    }

    @Override
    public String describe() {
        return "runtime API " + socket;
    }
}
