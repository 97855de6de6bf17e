package io.releasegate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP endpoint that forwards every GET to one URL (e.g. a real HAProxy's stats page) and answers with its
 * status and body, recording when each request arrived (for rate tests).
 */
public final class CountingProxy implements AutoCloseable {
    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Long> arrivals = new ArrayList<>();

    private CountingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "counting-proxy");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    /** Forwards to {@code target} whatever path was asked. */
    public static CountingProxy to(String target) {
        try {
            return new CountingProxy(URI.create(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        synchronized (arrivals) {
            arrivals.add(System.nanoTime());
        }
        int status;
        byte[] body;
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            status = response.statusCode();
            body = response.body();
        } catch (IOException e) {
            status = 502;
            body = ("cannot reach " + target + ": " + e.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
            body = new byte[0];
        }
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Arrival times (System.nanoTime) of the requests, in order. */
    public List<Long> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
