package io.releasegate.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Test fixture (public so the CLI tests can use it): a real HTTP endpoint on 127.0.0.1 (ephemeral port) that
 * answers with a scripted sequence of replies (the last one repeats) and records every request. A "hang" reply
 * holds the connection until the endpoint is closed.
 */
public final class LoopbackEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received request, with the exact body bytes. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One scripted reply. */
    public record Reply(int status, String body, Map<String, String> headers, boolean hanging) {
        public static Reply status(int status) {
            return new Reply(status, "", Map.of(), false);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, body, Map.of(), false);
        }

        public static Reply retryAfter(int status, String retryAfter) {
            return new Reply(status, "", Map.of("Retry-After", retryAfter), false);
        }

        public static Reply hang() {
            return new Reply(0, "", Map.of(), true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger served = new AtomicInteger();
    private final Function<Request, Reply> script;

    private LoopbackEndpoint(Function<Request, Reply> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Replies in order; the last reply repeats. */
    public static LoopbackEndpoint start(Reply... replies) throws IOException {
        List<Reply> list = new ArrayList<>(Arrays.asList(replies));
        AtomicInteger next = new AtomicInteger();
        return new LoopbackEndpoint(request -> list.get(Math.min(next.getAndIncrement(), list.size() - 1)));
    }

    /** Replies as {@code script} decides from the request. */
    public static LoopbackEndpoint start(Function<Request, Reply> script) throws IOException {
        return new LoopbackEndpoint(script);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits (bounded) until at least {@code count} requests arrived. */
    public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return requests.size() >= count;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            served.incrementAndGet();
            Reply reply = script.apply(request);
            if (reply.hanging()) {
                closed.await(60, TimeUnit.SECONDS);
                return;
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
