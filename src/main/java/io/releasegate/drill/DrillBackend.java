package io.releasegate.drill;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP backend of the drill on 127.0.0.1. It answers {@code 200 <name>} with {@code X-Backend: <name>}; when
 * more than {@code overloadPerSecond} requests arrived in the last {@value #WINDOW_MS} ms it answers {@code 503},
 * as a server running out of memory would once it alone carries the load. {@code /health} answers {@code 200 ok}
 * (and does not count towards the load). A scenario can make it {@link #sick(boolean) sick} (503 everywhere, health
 * included, as a crashed application behind a live port) or {@link #slow(long) slow}.
 */
public final class DrillBackend implements AutoCloseable {
    static final long WINDOW_MS = 1000;
    private final String name;
    private final double overloadPerSecond;
    private final HttpServer server;
    private final Deque<Long> arrivals = new ArrayDeque<>();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean sick;
    private volatile long delayMs;

    private DrillBackend(String name, double overloadPerSecond) throws IOException {
        this.name = name;
        this.overloadPerSecond = overloadPerSecond;
        this.server = Loopback.server(0, 8, "drill-" + name);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts a backend on a free loopback port; {@code overloadPerSecond} 0 never overloads. */
    public static DrillBackend start(String name, double overloadPerSecond) throws IOException {
        return new DrillBackend(name, overloadPerSecond);
    }

    private void serve(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("X-Backend", name);
        if (sick) {
            rejected.incrementAndGet();
            Loopback.respond(exchange, 503, "text/plain", name + ": the application is down\n");
            return;
        }
        long delay = delayMs;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (exchange.getRequestURI().getPath().equals("/health")) {
            Loopback.respond(exchange, 200, "text/plain", "ok\n");
            return;
        }
        if (overloaded()) {
            rejected.incrementAndGet();
            Loopback.respond(exchange, 503, "text/plain", name + ": out of memory (overloaded)\n");
        } else {
            served.incrementAndGet();
            Loopback.respond(exchange, 200, "text/plain", name + "\n");
        }
    }

    /** Counts this arrival and says whether the recent rate is above the limit. */
    private synchronized boolean overloaded() {
        long now = System.nanoTime() / 1_000_000;
        arrivals.addLast(now);
        while (!arrivals.isEmpty() && arrivals.peekFirst() < now - WINDOW_MS) {
            arrivals.removeFirst();
        }
        return overloadPerSecond > 0 && arrivals.size() > overloadPerSecond * WINDOW_MS / 1000.0;
    }

    /** Makes it answer 503 to everything, health included (true), or recover (false). */
    public void sick(boolean value) {
        sick = value;
    }

    /** Delays every answer, the health check's too, by {@code millis} (0: none). */
    public void slow(long millis) {
        delayMs = millis;
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return Loopback.HOST + ":" + port();
    }

    public long served() {
        return served.get();
    }

    /** Requests answered 503 because of the overload. */
    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        Loopback.stop(server);
    }
}
