package io.releasegate.drill;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRules;
import io.releasegate.config.read.Parsers;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.config.SourceResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * A small round-robin HTTP reverse proxy on 127.0.0.1: keep-alive on both sides, smooth weighted round robin over
 * the servers of one pool that take traffic, {@code X-Served-By: <server name>} on every proxied response. The pool
 * comes from a load-balancer configuration file parsed by the engine (HAProxy, nginx or pool file); {@link #apply}
 * reloads it, so a deploy or a rollback really changes what it balances. Servers declared with a health check
 * ({@code check}) are probed at {@code GET /health} every {@value #CHECK_INTERVAL_MS} ms, as HAProxy's
 * {@code option httpchk GET /health} does, and left out while the last probe failed; servers without one get traffic
 * whatever their state; a reload probes them before they get traffic. Answers 503 without servers and 502 when the chosen server cannot be reached.
 */
public final class EmbeddedBalancer implements DrillBalancer {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "proxy-connection", "te", "trailer", "date");
    private final String poolName;
    private final HttpServer server;
    private final HttpClient client;
    private final ExecutorService clientThreads;
    static final long CHECK_INTERVAL_MS = 200;
    private volatile Balance balance = new Balance(List.of());
    private final java.util.Set<String> failingChecks = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService checker =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "drill-lb-health");
                thread.setDaemon(true);
                return thread;
            });

    private EmbeddedBalancer(int port, String poolName) throws IOException {
        this.poolName = poolName;
        this.clientThreads = Loopback.executor(4, "drill-lb-client");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).executor(clientThreads).build();
        this.server = Loopback.server(port, 16, "drill-lb");
        server.createContext("/", this::proxy);
        server.start();
        checker.scheduleWithFixedDelay(() -> probe(balance.all()), CHECK_INTERVAL_MS, CHECK_INTERVAL_MS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Probes the servers with a health check; a failing one is left out until a probe passes again. */
    private void probe(List<Server> servers) {
        for (Server target : servers) {
            if (!target.healthCheck()) {
                continue;
            }
            boolean up;
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://"
                        + target.address() + "/health")).timeout(Duration.ofMillis(1000)).build(),
                        HttpResponse.BodyHandlers.discarding());
                up = response.statusCode() >= 200 && response.statusCode() < 400;
            } catch (IOException e) {
                up = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (up) {
                failingChecks.remove(target.name());
            } else {
                failingChecks.add(target.name());
            }
        }
    }

    /** Starts the proxy on {@code port} of 127.0.0.1 (0 = any free port), balancing pool {@code poolName}. */
    public static EmbeddedBalancer start(int port, String poolName) throws IOException {
        return new EmbeddedBalancer(port, poolName);
    }

    @Override
    public URI url() {
        return URI.create("http://" + Loopback.HOST + ":" + server.getAddress().getPort() + "/");
    }

    @Override
    public void apply(String path, String configText) throws IOException {
        Optional<ConfigFormat> format = FileRules.detect(path, configText);
        if (format.isEmpty()) {
            throw new IOException(path + " is not recognisable load-balancer configuration");
        }
        ConfigFile file;
        try {
            file = Parsers.parse(format.get(), path, configText, SourceResolver.NONE);
        } catch (ConfigParseException e) {
            throw new IOException("cannot load " + e.getMessage(), e);
        }
        Pool pool = file.pools().stream().filter(p -> p.name().equals(poolName)).findFirst()
                .orElseThrow(() -> new IOException(path + " declares no pool " + poolName));
        // servers with a health check are probed before they get traffic, as a reload would check them first
        probe(pool.activeServers());
        balance = new Balance(pool.activeServers());
    }

    /** The servers balanced now, in order. */
    public List<String> servers() {
        return balance.names();
    }

    @Override
    public String describe() {
        return "embedded round-robin proxy at " + url() + " (pool " + poolName + ": "
                + String.join(", ", servers()) + ")";
    }

    private void proxy(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Server target = balance.next(failingChecks);
            if (target == null) {
                send(exchange, 503, null, ("no server in pool " + poolName + "\n").getBytes(), null);
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + target.address()
                            + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body))
                    .timeout(Duration.ofSeconds(5)).header("X-Forwarded-For", exchange.getRemoteAddress()
                            .getAddress().getHostAddress()).build();
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                send(exchange, 502, target.name(), (target.name() + " cannot be reached: " + e.getClass()
                        .getSimpleName() + "\n").getBytes(), null);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send(exchange, response.statusCode(), target.name(), response.body(), response);
        }
    }

    private static void send(HttpExchange exchange, int status, String servedBy, byte[] body,
            HttpResponse<byte[]> upstream) throws IOException {
        if (upstream != null) {
            upstream.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, new ArrayList<>(values));
                }
            });
        }
        if (servedBy != null) {
            exchange.getResponseHeaders().set("X-Served-By", servedBy);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
        Loopback.stop(server);
        clientThreads.shutdownNow();
    }

    /** Smooth weighted round robin (nginx's algorithm) over a fixed list of servers. */
    private static final class Balance {
        private final List<Server> servers;
        private final int[] current;

        Balance(List<Server> servers) {
            this.servers = List.copyOf(servers);
            this.current = new int[servers.size()];
        }

        /** The next server by weight, of those not in {@code down}. */
        synchronized Server next(java.util.Set<String> down) {
            int total = 0;
            int best = -1;
            for (int i = 0; i < servers.size(); i++) {
                if (servers.get(i).healthCheck() && down.contains(servers.get(i).name())) {
                    continue;
                }
                current[i] += servers.get(i).weight();
                total += servers.get(i).weight();
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
            if (best < 0 || total <= 0) {
                return null;
            }
            current[best] -= total;
            return servers.get(best);
        }

        List<Server> all() {
            return servers;
        }

        List<String> names() {
            return servers.stream().map(Server::name).toList();
        }
    }
}
