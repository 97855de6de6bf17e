package io.releasegate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP backend on 127.0.0.1 for tests: answers every path with its name in the body and in the
 * {@code X-Backend} header, {@code /health} with 200 "ok". Status and delay can be changed while it runs, and it
 * counts the requests it served (with their arrival times, for rate tests).
 */
public final class HttpBackend implements AutoCloseable {
    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Long> arrivalNanos = new ArrayList<>();
    private volatile int status = 200;
    private volatile int healthStatus = 200;
    private volatile long delayMillis;

    private HttpBackend(String name, int port) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        this.executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "backend-" + name);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/health", exchange -> respond(exchange, healthStatus, "ok\n"));
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts a backend on a free loopback port. */
    public static HttpBackend start(String name) {
        return start(name, 0);
    }

    /** Starts a backend on the given loopback port (0 = any). */
    public static HttpBackend start(String name, int port) {
        try {
            return new HttpBackend(name, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        synchronized (arrivalNanos) {
            if (arrivalNanos.size() < 1_000_000) {
                arrivalNanos.add(System.nanoTime());
            }
        }
        long delay = delayMillis;
        if (delay > 0) {
            FreePorts.sleep(delay);
        }
        respond(exchange, status, name + "\n");
    }

    private void respond(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("X-Backend", name);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public int requests() {
        return requests.get();
    }

    /** Arrival times (System.nanoTime) of the requests served, in order. */
    public List<Long> arrivals() {
        synchronized (arrivalNanos) {
            return List.copyOf(arrivalNanos);
        }
    }

    public void resetCount() {
        requests.set(0);
        synchronized (arrivalNanos) {
            arrivalNanos.clear();
        }
    }

    /** Status of every non-health response from now on (e.g. 500, 503). */
    public HttpBackend status(int code) {
        this.status = code;
        return this;
    }

    /** Status of {@code /health} from now on. */
    public HttpBackend healthStatus(int code) {
        this.healthStatus = code;
        return this;
    }

    /** Delay before each non-health response. */
    public HttpBackend delayMillis(long millis) {
        this.delayMillis = millis;
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
