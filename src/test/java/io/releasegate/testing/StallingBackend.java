package io.releasegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback HTTP server that answers {@code 200} with {@code Content-Length: 100}, sends 5 bytes of the body and
 * then nothing more, until the client gives up or {@link #close()} stops it.
 */
public final class StallingBackend implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;

    private StallingBackend(ServerSocket server) {
        this.server = server;
        this.thread = new Thread(this::serve, "stalling-backend");
        thread.setDaemon(true);
        thread.start();
    }

    public static StallingBackend start() {
        try {
            return new StallingBackend(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.getInputStream().read(new byte[4096]);
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                socket.getInputStream().read(); // until the client closes
            } catch (IOException e) {
                // the client closed, or the server was stopped
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            thread.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
