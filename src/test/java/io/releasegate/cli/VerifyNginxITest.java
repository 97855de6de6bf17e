package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.HttpBackend;
import io.releasegate.testing.NginxProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code verify} against a real nginx: backends named by {@code $upstream_addr}, mapped by address. */
class VerifyNginxITest {
    @RegisterExtension
    final LoadBalancers lbs = new LoadBalancers();

    @Test
    void shouldPassAHealthyPoolIdentifiedByUpstreamAddress() {
        HttpBackend web1 = lbs.backend("web-01");
        HttpBackend web2 = lbs.backend("web-02");
        NginxProcess lb = lbs.nginx("", Map.of(web1.address(), 1, web2.address(), 1));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", web1.address() + "," + web2.address(),
                "--identify", "header:X-Upstream", "--rate", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(web2.address());
    }

    @Test
    void shouldFailWhenOneServerIsMissingFromTheLiveUpstream() {
        HttpBackend web1 = lbs.backend("web-01");
        HttpBackend web2 = lbs.backend("web-02");
        NginxProcess lb = lbs.nginx("", Map.of(web1.address(), 1));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", web1.address() + "," + web2.address(),
                "--identify", "header:X-Upstream");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains(web2.address() + " got none of 12 responses");
    }

    @Test
    void shouldIdentifyTheBackendFromTheBody() {
        HttpBackend web1 = lbs.backend("web-01");
        HttpBackend web2 = lbs.backend("web-02");
        NginxProcess lb = lbs.nginx("", Map.of(web1.address(), 3, web2.address(), 1));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01=3,web-02=1", "--identify",
                "body:^(web-\\d+)", "--rate", "0", "--format", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("\"web-01\" : 0.75");
    }

    @Test
    void shouldVaryTheRequestForAUriHashAndRequireEveryServer() {
        HttpBackend web1 = lbs.backend("web-01");
        HttpBackend web2 = lbs.backend("web-02");
        NginxProcess lb = lbs.nginx("hash $request_uri", Map.of(web1.address(), 1, web2.address(), 1));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--algorithm",
                "hash $request_uri", "--identify", "header:X-Backend-Missing", "--rate", "0");
        CliRun byBody = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--algorithm",
                "hash $request_uri", "--identify", "body:^(web-\\d+)", "--rate", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("did not name their backend in header:X-Backend-Missing");
        assertThat(byBody.exitCode()).as(byBody.out() + byBody.err()).isZero();
        assertThat(byBody.out()).contains("shares not tested: balance hash $request_uri hashes the request")
                .contains("rg-probe=N");
        assertThat(web2.requests()).isPositive();
    }


}
