package io.releasegate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerificationRequestTest {
    private final ExpectedPool pool = ExpectedPool.parse("web-01,web-02");
    private final URI lb = URI.create("http://127.0.0.1:8080/");

    @Test
    void shouldUseTheDocumentedDefaults() {
        VerificationRequest request = VerificationRequest.builder(lb, pool).build();

        assertThat(request.rate()).isEqualTo(50);
        assertThat(request.concurrency()).isEqualTo(4);
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(request.alpha()).isEqualTo(0.001);
        assertThat(request.identify()).isEqualTo(BackendIdentifier.DEFAULT);
    }

    @Test
    void shouldSplitAlphaOverThePoolsOfARun() {
        VerificationRequest request = VerificationRequest.builder(lb, pool).alpha(0.001).poolsInRun(4).build();

        assertThat(request.poolAlpha()).isEqualTo(0.00025);
    }

    @Test
    void shouldRejectBadSettingsWithTheOptionName() {
        assertThatThrownBy(() -> VerificationRequest.builder(URI.create("ftp://lb/"), pool).build())
                .hasMessageContaining("--lb 'ftp://lb/'");
        assertThatThrownBy(() -> VerificationRequest.builder(lb, pool).alpha(1.5).build())
                .hasMessageContaining("--alpha");
        assertThatThrownBy(() -> VerificationRequest.builder(lb, pool).concurrency(0).build())
                .hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> VerificationRequest.builder(lb, pool).rate(-1).build())
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> VerificationRequest.builder(lb, pool).timeout(Duration.ZERO).build())
                .hasMessageContaining("--timeout");
        assertThatThrownBy(() -> VerificationRequest.builder(lb, pool).maxErrorRate(1).build())
                .hasMessageContaining("--max-error-rate");
    }
}
