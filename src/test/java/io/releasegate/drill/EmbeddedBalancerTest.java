package io.releasegate.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.testing.HttpBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drill's embedded round-robin proxy over real loopback backends. */
class EmbeddedBalancerTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private HttpBackend web1;
    private HttpBackend web2;
    private EmbeddedBalancer balancer;

    @BeforeEach
    void start() throws IOException {
        web1 = HttpBackend.start("web-01");
        web2 = HttpBackend.start("web-02");
        balancer = EmbeddedBalancer.start(0, "web");
    }

    @AfterEach
    void stop() {
        balancer.close();
        web1.close();
        web2.close();
    }

    @Test
    void shouldAlternateBetweenTheServersAndNameTheOneThatAnswered() throws Exception {
        // arrange
        balancer.apply("haproxy.cfg", config(true, 1));

        // act
        List<String> servedBy = servedBy(6);

        // assert
        assertThat(servedBy).containsExactly("web-01", "web-02", "web-01", "web-02", "web-01", "web-02");
        assertThat(web1.requests()).isEqualTo(3);
        assertThat(web2.requests()).isEqualTo(3);
    }

    @Test
    void shouldFollowTheWeights() throws Exception {
        // arrange
        balancer.apply("haproxy.cfg", config(true, 3));

        // act
        List<String> servedBy = servedBy(8);

        // assert
        assertThat(servedBy).filteredOn("web-01"::equals).hasSize(6);
        assertThat(servedBy).filteredOn("web-02"::equals).hasSize(2);
    }

    @Test
    void shouldBalanceTheNewPoolAfterAReload() throws Exception {
        // arrange
        balancer.apply("haproxy.cfg", config(true, 1));
        servedBy(2);

        // act
        balancer.apply("haproxy.cfg", config(false, 1));
        List<String> afterDrop = servedBy(4);
        balancer.apply("haproxy.cfg", config(true, 1));
        List<String> afterRestore = servedBy(4);

        // assert
        assertThat(afterDrop).containsOnly("web-01");
        assertThat(afterRestore).containsExactlyInAnyOrder("web-01", "web-02", "web-01", "web-02");
        assertThat(balancer.servers()).containsExactly("web-01", "web-02");
    }

    @Test
    void shouldPassTheBackendStatusThroughAndAnswer502ForAServerThatIsDown() throws Exception {
        // arrange
        web1.status(503);
        balancer.apply("haproxy.cfg", "backend web\n    server web-01 " + web1.address() + "\n    server gone "
                + "127.0.0.1:1\n");

        // act
        HttpResponse<String> first = get();
        HttpResponse<String> second = get();

        // assert
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("X-Served-By")).hasValue("web-01");
        assertThat(second.statusCode()).isEqualTo(502);
        assertThat(second.headers().firstValue("X-Served-By")).hasValue("gone");
    }

    @Test
    void shouldRefuseAConfigurationWithoutThePoolAndKeepTheOldOne() throws Exception {
        // arrange
        balancer.apply("haproxy.cfg", config(true, 1));

        // act + assert
        assertThatThrownBy(() -> balancer.apply("haproxy.cfg", "backend api\n    server a 127.0.0.1:1\n"))
                .isInstanceOf(IOException.class).hasMessage("haproxy.cfg declares no pool web");
        assertThat(balancer.servers()).containsExactly("web-01", "web-02");
        assertThat(balancer.url().getHost()).isEqualTo("127.0.0.1");
    }

    private String config(boolean withWeb02, int web01Weight) {
        return "backend web\n    balance roundrobin\n    server web-01 " + web1.address() + " weight " + web01Weight
                + "\n" + (withWeb02 ? "    server web-02 " + web2.address() + "\n" : "");
    }

    private List<String> servedBy(int requests) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = get();
            assertThat(response.statusCode()).isEqualTo(200);
            names.add(response.headers().firstValue("X-Served-By").orElse("?"));
        }
        return names;
    }

    private HttpResponse<String> get() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(balancer.url() + "x")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
