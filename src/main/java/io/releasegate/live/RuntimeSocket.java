package io.releasegate.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One command over HAProxy's runtime API unix socket, non-interactive: connect, write the line, read until HAProxy
 * closes the connection. Every step is bounded by one deadline (a selector wait, never a blocking read).
 */
final class RuntimeSocket {
    private static final int MAX_ANSWER = 16 * 1024 * 1024;

    private final Path path;
    private final Duration timeout;

    RuntimeSocket(Path path, Duration timeout) {
        this.path = path;
        this.timeout = timeout;
    }

    String send(String command) throws LiveStateException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!Files.exists(path)) {
            throw new LiveStateException("the HAProxy runtime API socket " + path + " does not exist (is HAProxy "
                    + "running with 'stats socket " + path + " level admin' in its global section?)");
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
                Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII));
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            while (out.hasRemaining()) {
                await(selector, deadline, command);
                channel.write(out);
            }
            key.interestOps(SelectionKey.OP_READ);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (true) {
                await(selector, deadline, command);
                int read = channel.read(in);
                if (read < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(in.array(), 0, in.position());
                in.clear();
                if (answer.size() > MAX_ANSWER) {
                    throw new LiveStateException("the HAProxy runtime API at " + path + " answered more than "
                            + MAX_ANSWER / (1024 * 1024) + " MiB to '" + command + "'");
                }
            }
        } catch (IOException e) {
            throw new LiveStateException("cannot talk to the HAProxy runtime API at " + path + ": "
                    + words(e) + " (is HAProxy running, and may this user open the socket?)", e);
        }
    }

    private void await(Selector selector, long deadline, String command) throws IOException, LiveStateException {
        long left = deadline - System.nanoTime();
        if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0 && System.nanoTime() >= deadline) {
            throw new LiveStateException("the HAProxy runtime API at " + path + " did not answer '" + command
                    + "' within " + timeout.toMillis() + " ms");
        }
        selector.selectedKeys().clear();
    }

    private static String words(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.toLowerCase();
    }
}
