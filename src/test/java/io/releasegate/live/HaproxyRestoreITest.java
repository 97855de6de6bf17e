package io.releasegate.live;

import io.releasegate.testing.LiveFixture;
import io.releasegate.verify.drift.DriftChecker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fix the incident needed, over a real HAProxy 2.6 runtime API. */
class HaproxyRestoreITest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void shouldBringWeb02BackSoThatTheNextDriftCheckPasses(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // arrange: web-02 taken out during a test and never put back, web-01 reweighted
            HaproxyRuntime runtime = live.runtime();
            runtime.setState("web", "web-02", AdminState.MAINT);
            runtime.setWeight("web", "web-01", 4);
            assertThat(DriftChecker.check(live.declared, runtime).results()).extracting(CheckResult::status)
                    .containsOnly(CheckStatus.FAIL);

            // act
            RestoreOutcome outcome = runtime.restore(live.declared);

            // assert
            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.changes()).containsExactly(
                    "web-01: weight 4 -> 1 (set server web/web-01 weight 1)",
                    "web-02: MAINT (set by the runtime API) -> READY (set server web/web-02 state ready)");
            assertThat(outcome.summary()).startsWith("restore of web: web-01: weight 4 -> 1");
            LiveServer web02 = live.awaitServer("web-02", s -> s.operationalState() == OperationalState.UP);
            assertThat(web02.adminState()).isEqualTo(AdminState.READY);
            assertThat(DriftChecker.check(live.declared, runtime).results()).extracting(CheckResult::status)
                    .containsOnly(CheckStatus.PASS);
            assertThat(servedBy(live, 4)).containsExactlyInAnyOrder("web-01", "web-02");
        }
    }

    @Test
    void shouldChangeNothingWhenTheLivePoolIsAlreadyAsDeclared(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // act
            RestoreOutcome outcome = live.runtime().restore(live.declared);

            // assert
            assertThat(outcome.changes()).isEmpty();
            assertThat(outcome.unchanged()).containsExactly("web-01: READY, weight 1", "web-02: READY, weight 1");
            assertThat(outcome.summary()).isEqualTo("restore of web: nothing to change, every declared server is "
                    + "READY with its declared weight");
        }
    }

    @Test
    void shouldReportADeclaredServerItCannotAdd(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.startWithoutWeb02(dir)) {
            // act
            RestoreOutcome outcome = live.runtime().restore(live.declared);

            // assert
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.failures()).containsExactly("web-02 is declared but absent from the live backend web: "
                    + "the runtime API cannot add it; reload HAProxy with the declared configuration");
        }
    }

    @Test
    void shouldRefuseNamesAndCommandsThatWouldInjectASecondCommand(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // arrange
            HaproxyRuntime runtime = live.runtime();

            // act + assert
            assertThatThrownBy(() -> runtime.setState("web", "web-02;shutdown sessions server web/web-01",
                    AdminState.MAINT)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid HAProxy server name");
            assertThatThrownBy(() -> runtime.setWeight("web\nset server web/web-01 state maint", "web-02", 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid HAProxy backend name");
            assertThatThrownBy(() -> runtime.execute("show info; set server web/web-01 state maint"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(runtime.showServersState("web").servers()).extracting(LiveServer::adminState)
                    .containsOnly(AdminState.READY);
        }
    }

    @Test
    void shouldReportWhatHaproxyRefusesInItsOwnWords(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // act + assert
            assertThatThrownBy(() -> live.runtime().setState("web", "web-09", AdminState.READY))
                    .isInstanceOf(LiveStateException.class)
                    .hasMessageContaining("HAProxy refused 'set server web/web-09 state ready'")
                    .hasMessageContaining("No such server.");
        }
    }

    private Set<String> servedBy(LiveFixture live, int requests) throws Exception {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(live.haproxy.url()))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            names.add(response.headers().firstValue("X-Served-By").orElse("?"));
        }
        return names;
    }
}
