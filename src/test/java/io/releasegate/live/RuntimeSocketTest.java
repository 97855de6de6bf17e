package io.releasegate.live;

import io.releasegate.testing.Captured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket client against real unix sockets served by the test: bounded waits and the exact line sent. */
class RuntimeSocketTest {
    @Test
    void shouldGiveUpOnASocketThatNeverAnswers(@TempDir Path dir) throws Exception {
        // arrange: accepts the connection, reads, never answers nor closes
        Path path = dir.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            HaproxyRuntime runtime = new HaproxyRuntime(path, Duration.ofMillis(300));
            long start = System.nanoTime();

            // act + assert
            assertThatThrownBy(() -> runtime.showServersState("web"))
                    .isInstanceOf(LiveStateException.class)
                    .hasMessage("the HAProxy runtime API at " + path + " did not answer 'show servers state web' "
                            + "within 300 ms");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
        }
    }

    @Test
    void shouldSendExactlyOneLineAndReadUntilTheServerCloses(@TempDir Path dir) throws Exception {
        // arrange: answers like HAProxy, then closes
        Path path = dir.resolve("fake-haproxy.sock");
        AtomicReference<String> received = new AtomicReference<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            Thread serve = new Thread(() -> {
                try (SocketChannel client = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(256);
                    client.read(in);
                    received.set(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                    client.write(ByteBuffer.wrap(Captured.read("servers-state-drain.txt")
                            .getBytes(StandardCharsets.US_ASCII)));
                } catch (Exception e) {
                    received.set("server failed: " + e);
                }
            });
            serve.setDaemon(true);
            serve.start();

            // act
            LiveBackend web = new HaproxyRuntime(path, Duration.ofSeconds(2)).read("web");
            serve.join(2000);

            // assert
            assertThat(received.get()).isEqualTo("show servers state web\n");
            assertThat(web.server("web-02").orElseThrow().adminState()).isEqualTo(AdminState.DRAIN);
        }
    }

    @Test
    void shouldExplainAMissingSocket(@TempDir Path dir) {
        // act + assert
        assertThatThrownBy(() -> new HaproxyRuntime(dir.resolve("none.sock"), Duration.ofSeconds(1)).read("web"))
                .isInstanceOf(LiveStateException.class)
                .hasMessageContaining("none.sock does not exist")
                .hasMessageContaining("stats socket");
    }
}
