package io.releasegate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.log.BufferedLog;
import io.releasegate.testing.FreePorts;
import io.releasegate.testing.HaproxyProcess;
import io.releasegate.testing.HttpBackend;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.probe.RateBudget;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier against a real HAProxy in front of real backends: how a run that is cut short ends. */
class VerifierITest {
    @TempDir
    Path dir;

    private HttpBackend web1;
    private HttpBackend web2;
    private HaproxyProcess lb;

    @BeforeEach
    void startThePool() {
        web1 = HttpBackend.start("web-01");
        web2 = HttpBackend.start("web-02");
        int port = FreePorts.next();
        lb = HaproxyProcess.start(dir, HaproxyProcess.roundRobinWeb(port, web1, web2), port);
    }

    @AfterEach
    void stopThePool() {
        lb.close();
        web1.close();
        web2.close();
    }

    @Test
    void shouldBeInconclusiveWhenTheRunIsCancelled() throws Exception {
        // arrange: 5 requests per second, the plan wants 195
        VerificationRequest request = VerificationRequest.builder(URI.create(lb.url()),
                ExpectedPool.parse("web-01,web-02")).rate(5).build();
        AtomicReference<VerificationResult> result = new AtomicReference<>();
        Thread verifying = new Thread(() -> result.set(new Verifier().verify(request, new BufferedLog())));

        // act: cancel (interrupt) once some requests got through
        verifying.start();
        long until = System.nanoTime() + 10_000_000_000L;
        while (web1.requests() + web2.requests() < 3 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        verifying.interrupt();
        verifying.join(10_000);

        // assert
        assertThat(verifying.isAlive()).isFalse();
        VerificationResult verdict = result.get();
        assertThat(verdict.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verdict.requests()).as("the third may still have been in flight").isBetween(2L, 10L);
        assertThat(verdict.reasons().get(0)).isEqualTo("cancelled after " + verdict.requests() + " of 195 planned "
                + "requests; " + (195 - verdict.requests()) + " missing: not enough evidence for a verdict");
        assertThat(verdict.checks()).extracting(CheckResult::status).doesNotContain(CheckStatus.FAIL);
    }

    @Test
    void shouldTakeTheHealthProbesAndTheTrafficFromTheSameBudget() {
        // arrange: a budget with room for 6 requests in the 1 s deadline: the health probes take 3 of them
        RateBudget budget = RateBudget.perSecond(5);
        VerificationRequest request = VerificationRequest.builder(URI.create(lb.url()),
                ExpectedPool.parse("web-01,web-02")).deadline(java.time.Duration.ofSeconds(1)).build();
        LiveCheck health = LiveChecks.health(List.of(io.releasegate.verify.health.HealthTarget.parse(
                "web-01=http://" + web1.address() + "/probe")), io.releasegate.verify.health.HealthOptions.DEFAULTS,
                io.releasegate.verify.health.HealthProbe.jdk());

        // act
        VerificationResult result = new Verifier().verify(request, List.of(health), budget, new BufferedLog());

        // assert: 3 probes + at most 5 requests within the traffic's deadline of 1 s, never 3 + 50 (request.rate())
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.health()).singleElement().extracting(CheckResult::status).isEqualTo(CheckStatus.PASS);
        assertThat(web1.requests() + web2.requests()).isBetween(3 + 4, 3 + 6);
    }
}
