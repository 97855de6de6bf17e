package io.releasegate.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drill's backend: fine at its share of the load, 503 once it alone carries all of it. */
class DrillBackendTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void shouldAnswer503OnceMoreRequestsArriveWithinASecondThanItCanCarry() throws Exception {
        try (DrillBackend warmUp = DrillBackend.start("warm-up", 0);
                DrillBackend backend = DrillBackend.start("web-01", 5)) {
            // arrange: a warm client, so that ten requests take far less than the one-second window
            statuses(warmUp, 5);

            // act
            List<Integer> statuses = statuses(backend, 10);

            // assert
            assertThat(statuses.subList(0, 5)).containsOnly(200);
            assertThat(statuses.subList(5, 10)).containsOnly(503);
            assertThat(backend.rejected()).isEqualTo(5);
            assertThat(backend.served()).isEqualTo(5);
        }
    }

    @Test
    void shouldNeverOverloadWithoutALimit() throws Exception {
        try (DrillBackend backend = DrillBackend.start("web-02", 0)) {
            // act
            List<Integer> statuses = statuses(backend, 30);

            // assert
            assertThat(statuses).containsOnly(200);
            assertThat(backend.address()).startsWith("127.0.0.1:");
        }
    }

    private List<Integer> statuses(DrillBackend backend, int requests) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://"
                    + backend.address() + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("X-Backend")).hasValue(backend.name());
            statuses.add(response.statusCode());
        }
        return statuses;
    }
}
