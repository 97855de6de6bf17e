import com.sun.net.httpserver.HttpServer;
import io.releasegate.log.LogSink;
import io.releasegate.paging.Contact;
import io.releasegate.paging.Escalation;
import io.releasegate.paging.Outbox;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.paging.PagerDutyPager;
import io.releasegate.paging.Paging;
import io.releasegate.paging.RetryPolicy;
import io.releasegate.paging.Secret;
import io.releasegate.paging.Severity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Paging latency: from "verification failed" (building the page and calling Paging.send) to the 202 of a local
 * PagerDuty Events API v2 endpoint. Three series measured in the same run, against the same endpoint:
 *   gate+outbox  Paging.send with the fsync'd outbox (what the gate does)
 *   gate         Escalation.page without an outbox
 *   reference    a bare java.net.http POST of a body of the same size
 *
 * Usage: java -cp CLI_JAR:CLASSES PageLatency warm RUNS WARMUP
 *        java -cp CLI_JAR:CLASSES PageLatency cold gate|reference [primed]   (first page of a fresh JVM, in ms)
 * "primed" first does, off the clock, what a gate run has always done before it pages: Jackson has read the
 * configuration and java.net.http has sent the verification probes (one GET to the endpoint here).
 * "prepared" instead only calls Paging.prepare() off the clock, as a gate can right after reading its configuration.
 */
public class PageLatency {
    private static final byte[] ACCEPTED = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}"
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        // TCP_NODELAY on the endpoint: otherwise its separate header/body writes meet delayed ACKs (40 ms steps)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/v2/enqueue", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, ACCEPTED.length);
            exchange.getResponseBody().write(ACCEPTED);
            exchange.close();
        });
        ExecutorService executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.start();
        Path dir = Files.createTempDirectory("page-latency");
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try {
            if ("cold".equals(args[0])) {
                if (args.length > 2 && "primed".equals(args[2])) {
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"pools\": {\"web\": [1, 2]}}");
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                            HttpRequest.newBuilder(base.resolve("/v2/enqueue")).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                }
                Paging prepared = null;
                if (args.length > 2 && "prepared".equals(args[2])) {
                    prepared = new Paging(escalation(base), new Outbox(dir.resolve("outbox.jsonl")), LogSink.NONE);
                    prepared.prepare();
                }
                long start = System.nanoTime();
                if (prepared != null) {
                    check(prepared.send(page(0)));
                } else if ("gate".equals(args[1])) {
                    gateWithOutbox(base, dir, 0);
                } else {
                    reference(base, null);
                }
                System.out.printf("%.3f%n", (System.nanoTime() - start) / 1e6);
            } else {
                warm(base, dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            }
        } finally {
            server.stop(0);
            executor.shutdownNow();
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static void warm(URI base, Path dir, int runs, int warmup) throws Exception {
        long[] withOutbox = new long[runs];
        long[] without = new long[runs];
        long[] reference = new long[runs];
        HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Escalation escalation = escalation(base);
        for (int i = -warmup; i < runs; i++) {
            long start = System.nanoTime();
            gateWithOutbox(base, dir, i + warmup);
            long a = System.nanoTime() - start;
            start = System.nanoTime();
            PageResult result = escalation.page(page(i + warmup));
            check(result);
            long b = System.nanoTime() - start;
            start = System.nanoTime();
            reference(base, bare);
            long c = System.nanoTime() - start;
            if (i >= 0) {
                withOutbox[i] = a;
                without[i] = b;
                reference[i] = c;
            }
        }
        System.out.printf("runs=%d warmup=%d%n", runs, warmup);
        report("gate+outbox (Paging.send -> 202)", withOutbox, reference);
        report("gate (Escalation.page -> 202)", without, reference);
        report("reference (bare HTTP POST -> 202)", reference, reference);
    }

    /** Everything a gate does after "verification failed": build the chain and the page, send, fsync. */
    private static void gateWithOutbox(URI base, Path dir, int n) {
        Paging paging = new Paging(escalation(base), new Outbox(dir.resolve("outbox.jsonl")), LogSink.NONE);
        check(paging.send(page(n)));
    }

    private static Escalation escalation(URI base) {
        return new Escalation(List.of(new Contact("oncall-pd", new PagerDutyPager(
                Secret.of("bench", "bench-routing-key"), base, null))), RetryPolicy.DEFAULT, LogSink.NONE);
    }

    private static Page page(int n) {
        return Page.trigger(Page.dedupKey("bench", "web", String.format("%016x", n)),
                        "web-02 received 0% of traffic (expected 50%); rolled back")
                .severity(Severity.CRITICAL).source("lb-01").detail("verdict", "FAIL")
                .detail("failingChecks", List.of("distribution")).detail("rollback", "succeeded")
                .link("http://127.0.0.1/report.html", "report").build();
    }

    private static void reference(URI base, HttpClient client) throws Exception {
        HttpClient bare = client != null ? client
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<byte[]> response = bare.send(HttpRequest.newBuilder(base.resolve("/v2/enqueue"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[560])).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("reference got " + response.statusCode());
        }
    }

    private static void check(PageResult result) {
        if (!result.delivered()) {
            throw new IllegalStateException("not delivered: " + result.reason());
        }
    }

    private static void report(String name, long[] nanos, long[] reference) {
        System.out.printf("%-36s median %7.3f ms  p95 %7.3f ms  max %8.3f ms  (median x%.2f of reference)%n", name,
                percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 100),
                percentile(nanos, 50) / percentile(reference, 50));
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
