package io.jenkins.plugins.releasegate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A real SMTP server on 127.0.0.1 that accepts every message (RFC 5321 without extensions: EHLO, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT) and keeps each with a snapshot of the world when it arrived. One connection at a time, each
 * line read with a timeout; stopped by {@link #close()}.
 */
final class SmtpReceiver implements AutoCloseable {
    /** One message: its envelope recipients, its raw content and what {@code state} said when it arrived. */
    record Message(List<String> recipients, String data, String stateOnArrival) {
    }

    private final ServerSocket server;
    private final Thread thread;
    private final Supplier<String> state;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    SmtpReceiver(Supplier<String> state) throws IOException {
        this.state = state;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "smtp-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                converse(socket);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // a client that went away: wait for the next one
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 127.0.0.1 release-gate test SMTP");
        List<String> recipients = new CopyOnWriteArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 127.0.0.1");
                case "MAIL", "RSET" -> {
                    recipients.clear();
                    reply(out, "250 OK");
                }
                case "RCPT" -> {
                    recipients.add(line.substring(line.indexOf(':') + 1).trim());
                    reply(out, "250 OK");
                }
                case "DATA" -> {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                        data.append(body.startsWith("..") ? body.substring(1) : body).append('\n');
                    }
                    messages.add(new Message(List.copyOf(recipients), data.toString(), state.get()));
                    reply(out, "250 OK queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 OK");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
