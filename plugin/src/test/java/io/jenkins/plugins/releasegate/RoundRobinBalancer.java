package io.jenkins.plugins.releasegate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Two real HTTP backends (web-01, web-02, answering with {@code X-Served-By}) behind a real round-robin forwarding
 * proxy on 127.0.0.1, all on free ports. The proxy's pool is read on every request from a supplier, so a test can
 * take web-02 out (the incident) and a rollback command can put it back. Stopped by {@link #close()}.
 */
final class RoundRobinBalancer implements AutoCloseable {
    private final HttpServer web01;
    private final HttpServer web02;
    private final HttpServer proxy;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger next = new AtomicInteger();
    private final Supplier<List<String>> pool;

    private RoundRobinBalancer(Supplier<List<String>> pool) throws IOException {
        this.pool = pool;
        web01 = backend("web-01");
        web02 = backend("web-02");
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", this::forward);
        proxy.start();
    }

    /** A balancer whose pool holds web-01, and web-02 only while {@code marker} exists. */
    static RoundRobinBalancer withWeb02While(Path marker) throws IOException {
        return new RoundRobinBalancer(() -> Files.exists(marker) ? List.of("web-01", "web-02") : List.of("web-01"));
    }

    /** A healthy balancer over both backends. */
    static RoundRobinBalancer healthy() throws IOException {
        return new RoundRobinBalancer(() -> List.of("web-01", "web-02"));
    }

    String url() {
        return "http://127.0.0.1:" + proxy.getAddress().getPort() + "/";
    }

    private static HttpServer backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, 200, name, "served by " + name + "\n"));
        server.start();
        return server;
    }

    private void forward(HttpExchange exchange) throws IOException {
        List<String> members = pool.get();
        String name = members.get(Math.floorMod(next.getAndIncrement(), members.size()));
        HttpServer target = "web-01".equals(name) ? web01 : web02;
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + target.getAddress().getPort() + exchange.getRequestURI())).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            answer(exchange, response.statusCode(), response.headers().firstValue("X-Served-By").orElse(""),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(exchange, 502, "", "interrupted\n");
        } catch (IOException e) {
            answer(exchange, 502, "", "backend down\n");
        }
    }

    private static void answer(HttpExchange exchange, int status, String servedBy, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!servedBy.isEmpty()) {
            exchange.getResponseHeaders().add("X-Served-By", servedBy);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        proxy.stop(0);
        web01.stop(0);
        web02.stop(0);
    }
}
