package io.releasegate.drill;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers for the drill's servers: everything binds to 127.0.0.1 only. */
final class Loopback {
    static final String HOST = "127.0.0.1";

    static {
        // the JDK's HTTP server otherwise leaves Nagle's algorithm on: with delayed ACKs a keep-alive exchange
        // waits ~40 ms; read once when the first server of the JVM starts
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private Loopback() {
    }

    /** An HTTP server on 127.0.0.1 ({@code port} 0 = any free port) with a pool of daemon threads. */
    static HttpServer server(int port, int threads, String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 64);
        server.setExecutor(executor(threads, name));
        return server;
    }

    static ExecutorService executor(int threads, String name) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops the server (no grace period) and its threads. */
    static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService executor) {
            executor.shutdownNow();
        }
    }

    /** A free port on 127.0.0.1 (bound once and released). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
