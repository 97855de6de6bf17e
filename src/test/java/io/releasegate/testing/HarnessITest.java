package io.releasegate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: real HAProxy and nginx balance over real backends and expose who answered. */
class HarnessITest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void shouldBalanceThroughRealHaproxy(@TempDir Path dir) throws Exception {
        try (HttpBackend web1 = HttpBackend.start("web-01"); HttpBackend web2 = HttpBackend.start("web-02")) {
            int port = FreePorts.next();
            String config = HaproxyProcess.roundRobinWeb(port, web1, web2);

            Set<String> servedBy = new HashSet<>();
            try (HaproxyProcess haproxy = HaproxyProcess.start(dir, config, port)) {
                for (int i = 0; i < 4; i++) {
                    servedBy.add(get(haproxy.url()).headers().firstValue("X-Served-By").orElse("?"));
                }
            }

            assertThat(servedBy).containsExactlyInAnyOrder("web-01", "web-02");
            assertThat(web1.requests()).isEqualTo(2);
        }
    }

    @Test
    void shouldBalanceThroughRealNginx(@TempDir Path dir) throws Exception {
        try (HttpBackend web1 = HttpBackend.start("web-01"); HttpBackend web2 = HttpBackend.start("web-02")) {
            int port = FreePorts.next();
            Map<String, Integer> servers = new LinkedHashMap<>();
            servers.put(web1.address(), 1);
            servers.put(web2.address(), 1);

            Set<String> upstreams = new HashSet<>();
            try (NginxProcess nginx = NginxProcess.start(dir, NginxProcess.config("web", port, "", servers), port)) {
                for (int i = 0; i < 4; i++) {
                    upstreams.add(get(nginx.url()).headers().firstValue("X-Upstream").orElse("?"));
                }
            }

            assertThat(upstreams).containsExactlyInAnyOrder(web1.address(), web2.address());
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
