package io.releasegate.testing;

import io.releasegate.live.HaproxyRuntime;
import io.releasegate.live.StatsPage;
import io.releasegate.live.LiveServer;
import io.releasegate.live.LiveStateException;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.testing.FreePorts;
import io.releasegate.testing.HaproxyProcess;
import io.releasegate.testing.HttpBackend;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Real backends web-01 and web-02 behind a real HAProxy (backend {@code web}, runtime API socket, stats page), and
 * the pool git declares for them, with the line numbers of the config HAProxy runs.
 */
public final class LiveFixture implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(3);

    public final HttpBackend web1;
    public final HttpBackend web2;
    public final HaproxyProcess haproxy;
    public final Pool declared;
    public final int statsPort;

    private LiveFixture(Path dir, boolean liveHasWeb02, UnaryOperator<String> liveEdit) {
        web1 = HttpBackend.start("web-01");
        web2 = HttpBackend.start("web-02");
        try {
            int port = FreePorts.next();
            statsPort = FreePorts.next();
            Map<String, String> declaredServers = new LinkedHashMap<>();
            declaredServers.put("web-01", web1.address());
            declaredServers.put("web-02", web2.address());
            String gitConfig = HaproxyProcess.config("web", port, statsPort, "roundrobin", declaredServers, Map.of());
            Map<String, String> liveServers = new LinkedHashMap<>(declaredServers);
            if (!liveHasWeb02) {
                liveServers.remove("web-02");
            }
            String liveConfig = HaproxyProcess.config("web", port, statsPort, "roundrobin", liveServers, Map.of());
            declared = pool(gitConfig, List.of(web1, web2));
            haproxy = HaproxyProcess.start(dir, liveEdit.apply(liveConfig), port);
        } catch (RuntimeException e) {
            web1.close();
            web2.close();
            throw e;
        }
    }

    /** HAProxy runs the declared pool. */
    public static LiveFixture start(Path dir) {
        return new LiveFixture(dir, true, UnaryOperator.identity());
    }

    /** HAProxy runs the declared pool with {@code edit} applied to its config text. */
    public static LiveFixture start(Path dir, UnaryOperator<String> edit) {
        return new LiveFixture(dir, true, edit);
    }

    /** HAProxy runs a config without web-02 while git still declares it. */
    public static LiveFixture startWithoutWeb02(Path dir) {
        return new LiveFixture(dir, false, UnaryOperator.identity());
    }

    /** The pool of {@code config} as the engine's parser would give it: line numbers of the server lines. */
    private static Pool pool(String config, List<HttpBackend> backends) {
        List<String> lines = config.lines().toList();
        List<Server> servers = new ArrayList<>();
        int backendLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals("backend web")) {
                backendLine = i + 1;
            }
            for (HttpBackend backend : backends) {
                if (line.startsWith("server " + backend.name() + " ")) {
                    servers.add(Server.builder(backend.name()).address("127.0.0.1", backend.port()).weight(1)
                            .healthCheck(true).line(i + 1).build());
                }
            }
        }
        return new Pool("web", "roundrobin", "http GET /health", "haproxy.cfg", backendLine, servers);
    }

    public HaproxyRuntime runtime() {
        return new HaproxyRuntime(haproxy.socket(), TIMEOUT);
    }

    public StatsPage statsPage() {
        return new StatsPage(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"), TIMEOUT);
    }

    public int line(String server) {
        return declared.server(server).orElseThrow().line();
    }

    /** Polls the runtime API every 100 ms until {@code condition} holds for {@code server}, at most 10 s. */
    public LiveServer awaitServer(String server, Predicate<LiveServer> condition) throws LiveStateException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        LiveServer last = null;
        while (System.nanoTime() < deadline) {
            last = runtime().showServersState("web").server(server).orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("within 10 s " + server + " did not reach the expected state, last: " + last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            haproxy.close();
        } finally {
            web1.close();
            web2.close();
        }
    }
}
