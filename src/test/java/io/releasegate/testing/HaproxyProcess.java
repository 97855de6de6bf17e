package io.releasegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real HAProxy (Debian package) in the foreground on 127.0.0.1, with an admin-level runtime API socket.
 * {@link #config} builds a typical config: one HTTP frontend, one backend, {@code X-Served-By} set to the server name.
 */
public final class HaproxyProcess extends ManagedProcess {
    private final int frontendPort;
    private final Path socket;
    private final Path configFile;

    private HaproxyProcess(Path dir, Path configFile, int frontendPort, Path socket) {
        super(List.of(binary(), "-db", "-f", configFile.toString()), dir, "haproxy");
        this.frontendPort = frontendPort;
        this.socket = socket;
        this.configFile = configFile;
        awaitPort(frontendPort, Duration.ofSeconds(10));
        awaitSocket(Duration.ofSeconds(10));
    }

    /**
     * When the config has a runtime API socket, waits until it accepts a connection: the frontend may listen a moment
     * before the socket exists, and a test that reads the live state at once would see no socket.
     */
    private void awaitSocket(Duration timeout) {
        String config;
        try {
            config = Files.readString(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!config.contains(socket.toString())) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException("haproxy exited before its runtime API socket was ready:\n" + output());
            }
            try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(
                    java.net.UnixDomainSocketAddress.of(socket))) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + socket, interrupted);
                }
            }
        }
        close();
        throw new IllegalStateException("haproxy's runtime API socket " + socket + " was not ready within " + timeout
                + ":\n" + output());
    }

    /** The haproxy binary: {@code $HAPROXY_BIN}, else {@code /usr/sbin/haproxy}, else {@code haproxy} on PATH. */
    public static String binary() {
        String fromEnv = System.getenv("HAPROXY_BIN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
    }

    /**
     * Writes {@code configText} to {@code dir/haproxy.cfg} and starts HAProxy, waiting until {@code frontendPort}
     * listens. The text may use {@code ${SOCKET}} for the runtime API socket path.
     */
    public static HaproxyProcess start(Path dir, String configText, int frontendPort) {
        Path socket = dir.resolve("haproxy.sock");
        Path config = dir.resolve("haproxy.cfg");
        try {
            Files.writeString(config, configText.replace("${SOCKET}", socket.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HaproxyProcess(dir, config, frontendPort, socket);
    }

    /**
     * A config with a runtime API socket, a stats page at {@code statsPort} ({@code /stats}, CSV at
     * {@code /stats;csv}), an HTTP frontend on {@code frontendPort} and backend {@code pool} with the given servers
     * (name to {@code host:port}, weight in {@code weights} or 1), health-checked on {@code /health}.
     */
    public static String config(String pool, int frontendPort, int statsPort, String algorithm,
            Map<String, String> servers, Map<String, Integer> weights) {
        StringBuilder text = new StringBuilder()
                .append("global\n")
                .append("    stats socket ${SOCKET} mode 600 level admin\n")
                .append("    maxconn 2000\n")
                .append("defaults\n")
                .append("    mode http\n")
                .append("    timeout connect 2s\n")
                .append("    timeout client 10s\n")
                .append("    timeout server 10s\n")
                .append("frontend fe\n")
                .append("    bind 127.0.0.1:").append(frontendPort).append('\n')
                .append("    default_backend ").append(pool).append('\n')
                .append("listen stats\n")
                .append("    bind 127.0.0.1:").append(statsPort).append('\n')
                .append("    stats enable\n")
                .append("    stats uri /stats\n")
                .append("backend ").append(pool).append('\n')
                .append("    balance ").append(algorithm).append('\n')
                .append("    option httpchk GET /health\n")
                .append("    http-response set-header X-Served-By %[srv_name]\n");
        servers.forEach((name, address) -> text.append("    server ").append(name).append(' ').append(address)
                .append(" check inter 1s weight ").append(weights.getOrDefault(name, 1)).append('\n'));
        return text.toString();
    }

    /**
     * {@link #config} for the usual test pool: backend {@code web}, round robin, weight 1, over the given backends
     * under their names, with a stats page on a free port.
     */
    public static String roundRobinWeb(int frontendPort, HttpBackend... backends) {
        Map<String, String> servers = new java.util.LinkedHashMap<>();
        for (HttpBackend backend : backends) {
            servers.put(backend.name(), backend.address());
        }
        return config("web", frontendPort, FreePorts.next(), "roundrobin", servers, Map.of());
    }

    public int frontendPort() {
        return frontendPort;
    }

    /** {@code http://127.0.0.1:<frontend port>/}. */
    public String url() {
        return "http://127.0.0.1:" + frontendPort + "/";
    }

    /** The admin-level runtime API socket. */
    public Path socket() {
        return socket;
    }

    public Path configFile() {
        return configFile;
    }

    /** {@code http://127.0.0.1:<port>/stats;csv} of the {@code listen stats} section of a config made by {@link #config}. */
    public String statsCsvUrl() {
        try {
            java.util.regex.Matcher bind = java.util.regex.Pattern.compile("listen stats\\n\\s+bind ([0-9.:]+)")
                    .matcher(Files.readString(configFile));
            if (!bind.find()) {
                throw new IllegalStateException("no 'listen stats' section in " + configFile);
            }
            return "http://" + bind.group(1) + "/stats;csv";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
