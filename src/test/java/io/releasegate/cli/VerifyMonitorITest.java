package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.HaproxyProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monitoring windows: {@code --samples K --interval D --failure-limit F} against a real HAProxy. */
class VerifyMonitorITest {
    @Test
    void shouldFailTheWindowOnceFailuresExceedTheLimit(@TempDir Path dir) throws Exception {
        try (LoadBalancers lbs = new LoadBalancers(dir)) {
            HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"));

            CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--samples", "5",
                    "--interval", "100ms", "--failure-limit", "1");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
            assertThat(run.out()).contains("2 of 2 samples did not pass (--failure-limit 1)");
            assertThat(run.err()).contains("sample 2/5: FAIL").doesNotContain("sample 3/5");
        }
    }

    @Test
    void shouldPassTheWindowWhenEverySamplePasses(@TempDir Path dir) throws Exception {
        try (LoadBalancers lbs = new LoadBalancers(dir)) {
            HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"), lbs.backend("web-02"));

            CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--samples", "3",
                    "--interval", "50ms", "--requests", "40", "--rate", "0", "--format", "json");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("\"requests\" : 120").contains("0 of 3 samples did not pass");
        }
    }

    @Test
    void shouldBeInconclusiveNotPassWhenEverySampleIsCutShort(@TempDir Path dir) throws Exception {
        try (LoadBalancers lbs = new LoadBalancers(dir)) {
            // arrange: a healthy pool, but 2 requests per second for 1 s give 2 of the 195 planned per sample
            HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"), lbs.backend("web-02"));

            // act
            CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--samples", "2",
                    "--interval", "50ms", "--rate", "2", "--deadline", "1s", "--failure-limit", "1");

            // assert
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
            assertThat(run.out()).contains("\nINCONCLUSIVE: ")
                    .contains("  - 2 of 2 samples did not pass (--failure-limit 1), 2 of them INCONCLUSIVE; not "
                            + "decided: 0 failed, but 2 inconclusive could each have been a failure\n")
                    .contains("  - sample 1: stopped by the 1 s deadline after ");
            assertThat(run.err()).contains("sample 1/2: INCONCLUSIVE").contains("sample 2/2: INCONCLUSIVE");
        }
    }
}
