package io.jenkins.plugins.releasegate;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A real HTTP endpoint on 127.0.0.1 that accepts JSON posts (answers {@code status}) and keeps each body with a
 * snapshot of the world at the moment it arrived (e.g. whether the rollback had run by then).
 */
final class WebhookReceiver implements AutoCloseable {
    /** One post: its body, what {@code state} said when it arrived, and the status it was answered with. */
    record Received(String body, String stateOnArrival, int status) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final String path;

    WebhookReceiver() throws IOException {
        this("/hook", 202, () -> "");
    }

    /** @param state read when each post arrives */
    WebhookReceiver(String path, int status, Supplier<String> state) throws IOException {
        this(path, status, state, 0);
    }

    /**
     * A receiver that is busy at first: its first post is answered 503 with {@code Retry-After: busySeconds}, every
     * later one with {@code status}.
     */
    static WebhookReceiver busyAtFirst(int busySeconds) throws IOException {
        return new WebhookReceiver("/hook", 202, () -> "", busySeconds);
    }

    private WebhookReceiver(String path, int status, Supplier<String> state, int busySeconds) throws IOException {
        this.path = path;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            String snapshot = state.get();
            int answer;
            synchronized (received) {
                answer = busySeconds > 0 && received.isEmpty() ? 503 : status;
                try (InputStream in = exchange.getRequestBody()) {
                    received.add(new Received(new String(in.readAllBytes(), StandardCharsets.UTF_8), snapshot,
                            answer));
                }
            }
            if (answer == 503) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(busySeconds));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<String> bodies() {
        return received.stream().map(Received::body).toList();
    }

    /** The bodies that were accepted (answered 2xx), in the order they arrived. */
    List<String> accepted() {
        return received.stream().filter(post -> post.status() / 100 == 2).map(Received::body).toList();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
