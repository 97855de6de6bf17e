package io.releasegate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/**
 * A real Prometheus server (Debian package {@code prometheus}, not its service) in the foreground on 127.0.0.1, with
 * its storage in a temporary directory, scraping one loopback target every second. Read it through its HTTP query
 * API ({@code /api/v1/query}).
 */
public final class PrometheusProcess extends ManagedProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusProcess(Path dir, Path config, int port) {
        super(List.of(binary(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"), dir, "prometheus");
        this.port = port;
        awaitPort(port, Duration.ofSeconds(20));
        awaitReady(Duration.ofSeconds(30));
    }

    /** Prometheus listens before its storage is ready (503 "Service Unavailable"): waits for {@code /-/ready}. */
    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            FreePorts.sleep(100);
        }
        close();
        throw new IllegalStateException("prometheus was not ready within " + timeout + " (last status " + status
                + "):\n" + output());
    }

    /** The prometheus binary: {@code $PROMETHEUS_BIN}, else {@code /usr/bin/prometheus}, else on PATH. */
    public static String binary() {
        String fromEnv = System.getenv("PROMETHEUS_BIN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return Files.isExecutable(Path.of("/usr/bin/prometheus")) ? "/usr/bin/prometheus" : "prometheus";
    }

    /** Starts Prometheus scraping {@code http://127.0.0.1:<targetPort>/metrics} every second (job {@code release-gate}). */
    public static PrometheusProcess scraping(Path dir, int targetPort) {
        Path config = dir.resolve("prometheus.yml");
        try {
            Files.writeString(config, scrapeConfig(targetPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PrometheusProcess(dir, config, FreePorts.next());
    }

    /** The scrape configuration docs/watch.md shows, with a one-second interval for tests. */
    public static String scrapeConfig(int targetPort) {
        return "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
                + "  - job_name: release-gate\n    static_configs:\n      - targets: ['127.0.0.1:" + targetPort + "']\n";
    }

    /** The value of an instant query with one series, or empty when it has none. */
    public OptionalDouble query(String promql) {
        try {
            JsonNode result = series(promql);
            if (result.size() == 0) {
                return OptionalDouble.empty();
            }
            if (result.size() > 1) {
                throw new IllegalStateException("'" + promql + "' has " + result.size() + " series: " + result);
            }
            return OptionalDouble.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The result of an instant query (a JSON array of series); an expression Prometheus refuses is an
     * {@link IllegalStateException} with its error.
     */
    public JsonNode series(String promql) throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode root = JSON.readTree(response.body());
        if (!"success".equals(root.path("status").asText())) {
            throw new IllegalStateException("prometheus answered " + response.statusCode() + " to '" + promql + "': "
                    + response.body());
        }
        return root.path("data").path("result");
    }

    /** Polls {@link #query} every 250 ms until its value satisfies {@code condition}, at most {@code timeout}. */
    public double await(String promql, DoublePredicate condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        OptionalDouble last = OptionalDouble.empty();
        while (System.nanoTime() < deadline) {
            last = query(promql);
            if (last.isPresent() && condition.test(last.getAsDouble())) {
                return last.getAsDouble();
            }
            FreePorts.sleep(250);
        }
        throw new AssertionError("within " + timeout + " '" + promql + "' did not reach the expected value, last: "
                + last + "\n" + output());
    }

    public int port() {
        return port;
    }
}
