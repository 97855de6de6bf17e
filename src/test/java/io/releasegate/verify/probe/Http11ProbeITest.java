package io.releasegate.verify.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.testing.FreePorts;
import io.releasegate.testing.HttpBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 probe against real sockets: a real backend and a raw server sending chosen bytes. */
class Http11ProbeITest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void shouldReuseOneConnectionForManyRequests() throws Exception {
        try (HttpBackend backend = HttpBackend.start("web-01"); Http11Probe probe = new Http11Probe()) {
            URI uri = URI.create("http://" + backend.address() + "/");

            for (int i = 0; i < 50; i++) {
                ProbeResponse response = probe.get(uri, TIMEOUT);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("X-Backend")).contains("web-01");
                assertThat(response.body()).isEqualTo("web-01\n");
            }

            assertThat(backend.requests()).isEqualTo(50);
        }
    }

    @Test
    void shouldReadChunkedBodiesAndBodiesUntilClose() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Served-By: web-02\r\n\r\n"
                + "4\r\nweb-\r\n2;ext=1\r\n02\r\n0\r\n\r\n";
        String untilClose = "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\nno server";
        try (RawServer server = new RawServer(List.of(chunked, untilClose)); Http11Probe probe = new Http11Probe()) {
            ProbeResponse first = probe.get(server.uri(), TIMEOUT);
            ProbeResponse second = probe.get(server.uri(), TIMEOUT);

            assertThat(first.body()).isEqualTo("web-02");
            assertThat(first.header("x-served-by")).contains("web-02");
            assertThat(second.status()).isEqualTo(503);
            assertThat(second.body()).isEqualTo("no server");
        }
    }

    @Test
    void shouldRetryOnceWhenTheServerClosedAnIdleConnection() throws Exception {
        String closing = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (RawServer server = new RawServer(List.of(closing, closing)); Http11Probe probe = new Http11Probe()) {
            probe.get(server.uri(), TIMEOUT);
            Thread.sleep(50);

            ProbeResponse again = probe.get(server.uri(), TIMEOUT);

            assertThat(again.body()).isEqualTo("ok");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void shouldReportRefusedConnectionsAndTimeouts() throws Exception {
        try (Http11Probe probe = new Http11Probe(); RawServer silent = new RawServer(List.of())) {
            URI closed = URI.create("http://127.0.0.1:" + FreePorts.next() + "/");

            assertThatThrownBy(() -> probe.get(closed, TIMEOUT)).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> probe.get(silent.uri(), Duration.ofMillis(200)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    /** Accepts connections one after another; on each, answers one request with the next canned response, then closes. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;
        private final AtomicInteger connections = new AtomicInteger();

        RawServer(List<String> responses) throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(responses), "raw-server");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(List<String> responses) {
            for (int i = 0; i < 10; i++) {
                try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                    readRequest(client.getInputStream());
                    if (responses.isEmpty()) {
                        Thread.sleep(1_000);
                        continue;
                    }
                    OutputStream out = client.getOutputStream();
                    out.write(responses.get(i % responses.size()).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }

        private static void readRequest(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b = in.read(); b >= 0; b = in.read()) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    return;
                }
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            thread.interrupt();
        }
    }
}
