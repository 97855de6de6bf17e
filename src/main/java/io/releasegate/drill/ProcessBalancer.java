package io.releasegate.drill;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real load balancer process (HAProxy or nginx) for the drill, in the foreground under this JVM. {@link #apply}
 * writes the configuration from the drill repository and restarts the process on it (stop, then start and wait for
 * the frontend port), so the deploy and the rollback really change what it balances.
 */
public final class ProcessBalancer implements DrillBalancer {
    private static final long START_WAIT_MS = 10_000;
    private final String kind;
    private final Path binary;
    private final Path dir;
    private final int port;
    private final Function<Path, List<String>> command;
    private Process process;

    private ProcessBalancer(String kind, Path binary, Path dir, int port, Function<Path, List<String>> command) {
        this.kind = kind;
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.command = command;
    }

    /** HAProxy ({@code haproxy -db -f FILE}), or empty when no haproxy binary is installed. */
    public static Optional<ProcessBalancer> haproxy(Path dir, int port) {
        return find("haproxy", "HAPROXY_BIN").map(binary -> new ProcessBalancer("HAProxy", binary, dir, port,
                config -> List.of(binary.toString(), "-db", "-f", config.toString())));
    }

    /** nginx ({@code nginx -p DIR -c FILE -g 'daemon off;'}), or empty when no nginx binary is installed. */
    public static Optional<ProcessBalancer> nginx(Path dir, int port) {
        return find("nginx", "NGINX_BIN").map(binary -> new ProcessBalancer("nginx", binary, dir, port,
                config -> List.of(binary.toString(), "-p", dir.toString(), "-c", config.toString(), "-e",
                        dir.resolve("error.log").toString(), "-g", "daemon off; pid " + dir.resolve("nginx.pid")
                                + ";")));
    }

    static Optional<Path> find(String name, String variable) {
        String fromEnv = System.getenv(variable);
        if (fromEnv != null && !fromEnv.isBlank() && Files.isExecutable(Path.of(fromEnv))) {
            return Optional.of(Path.of(fromEnv));
        }
        for (String directory : ("/usr/sbin:/usr/local/sbin:" + System.getenv().getOrDefault("PATH", ""))
                .split(File.pathSeparator)) {
            if (!directory.isBlank() && Files.isExecutable(Path.of(directory, name))) {
                return Optional.of(Path.of(directory, name));
            }
        }
        return Optional.empty();
    }

    @Override
    public URI url() {
        return URI.create("http://" + Loopback.HOST + ":" + port + "/");
    }

    @Override
    public synchronized void apply(String path, String configText) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve(Path.of(path).getFileName().toString());
        Files.writeString(config, configText, StandardCharsets.UTF_8);
        stop();
        Path log = dir.resolve(kind.toLowerCase(java.util.Locale.ROOT) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command.apply(config)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        process = builder.start();
        long deadline = System.currentTimeMillis() + START_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(kind + " exited with " + process.exitValue() + " on " + config + ": "
                        + Files.readString(log).strip());
            }
            if (listening()) {
                return;
            }
            sleep(20);
        }
        stop();
        throw new IOException(kind + " did not listen on port " + port + " within " + START_WAIT_MS + " ms");
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Loopback.HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized String describe() {
        return kind + " (" + binary + (process != null && process.isAlive() ? ", pid " + process.pid() : "")
                + ") at " + url();
    }

    private void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public synchronized void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
