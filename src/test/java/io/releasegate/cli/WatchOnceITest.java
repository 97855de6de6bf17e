package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasegate.live.AdminState;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.paging.LoopbackEndpoint;
import io.releasegate.paging.LoopbackEndpoint.Reply;
import io.releasegate.testing.WatchScene;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch --once --state}: one cycle per run, as cron or a Jenkins job runs it, against a real HAProxy, a real git
 * repository and loopback PagerDuty endpoints that check the events they receive.
 */
class WatchOnceITest {
    @TempDir
    Path dir;

    private WatchScene scene;
    private LoopbackEndpoint oncall;
    private LoopbackEndpoint alice;
    private final AtomicInteger oncallStatus = new AtomicInteger(202);

    @BeforeEach
    void start() throws Exception {
        scene = WatchScene.start(dir);
        oncall = LoopbackEndpoint.start(request -> Reply.status(oncallStatus.get(), "{\"status\":\"success\"}"));
        alice = LoopbackEndpoint.start(Reply.status(202, "{\"status\":\"success\"}"));
    }

    @AfterEach
    void stop() {
        oncall.close();
        alice.close();
        scene.close();
    }

    private void policy(int failAfter) {
        Map<String, String> contacts = new LinkedHashMap<>();
        contacts.put("oncall", oncall.uri("").toString());
        contacts.put("alice-pd", alice.uri("").toString());
        scene.policy(failAfter, "", contacts);
    }

    private CliRun once() {
        return CliRun.of("watch", "--once", "--repo", scene.repoDir.toString(), "--state",
                dir.resolve("state.json").toString(), "--outbox", dir.resolve("outbox.jsonl").toString(),
                "--secret-dir", scene.secrets.toString());
    }

    private void web02(AdminState state) throws Exception {
        new HaproxyRuntime(scene.haproxy().socket(), Duration.ofSeconds(2)).setState("web", "web-02", state);
    }

    private static List<String> events(LoopbackEndpoint endpoint) throws Exception {
        List<String> events = new ArrayList<>();
        for (LoopbackEndpoint.Request request : endpoint.requests()) {
            JsonNode event = request.json();
            events.add(event.path("event_action").asText() + " " + event.path("dedup_key").asText()
                    + (event.has("payload") ? " " + event.path("payload").path("severity").asText() : ""));
        }
        return events;
    }

    @Test
    void shouldPageAfterTwoFailingCyclesAndResolveOnRecovery() throws Exception {
        policy(2);
        web02(AdminState.MAINT);

        CliRun first = once();
        int afterFirst = oncall.requests().size();
        CliRun second = once();
        web02(AdminState.READY);
        CliRun recovered = once();

        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(first.out()).contains("drift (1 cycle)").contains("web-02 is declared in haproxy.cfg:")
                .contains("is in MAINT (set by the runtime API)");
        assertThat(afterFirst).isZero();
        assertThat(second.exitCode()).isEqualTo(ExitCodes.FAIL);
        assertThat(second.out()).contains("page trigger release-gate/watch/web/drift");
        assertThat(recovered.exitCode()).as(recovered.out() + recovered.err()).isZero();
        assertThat(events(oncall)).contains("trigger release-gate/watch/web/drift critical",
                "resolve release-gate/watch/web/drift");
        JsonNode trigger = oncall.requests().get(0).json();
        assertThat(trigger.path("routing_key").asText()).isEqualTo("oncall-routing-key-0123456789");
        assertThat(trigger.path("payload").path("summary").asText()).startsWith("release-gate watch: pool web: ");
        assertThat(alice.requests()).isEmpty();
    }

    @Test
    void shouldPageTheOwnerWithinOneCycleOfTheHoldsEndThenTheChainThenResolve() throws Exception {
        policy(2);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        scene.hold(now.minus(Duration.ofMinutes(30)), now.plusSeconds(4), "alice-pd");
        web02(AdminState.MAINT);

        CliRun held = once();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), now.plusSeconds(5)).toMillis()));
        CliRun expired = once();
        int aliceAfterExpiry = alice.requests().size();
        int oncallAfterExpiry = oncall.requests().size();
        CliRun escalated = once();
        web02(AdminState.READY);
        CliRun back = once();

        assertThat(held.out()).contains("reminder: web-02 is due back in pool web at");
        assertThat(expired.exitCode()).isEqualTo(ExitCodes.FAIL);
        assertThat(expired.out()).contains("web-02 was due back at ").contains("(hold by alice: load test) and is "
                + "still out of pool web").contains("page trigger release-gate/watch/web/hold/web-02");
        assertThat(aliceAfterExpiry).isEqualTo(2);
        assertThat(events(alice)).startsWith("trigger release-gate/watch/web/hold/web-02 warning",
                "trigger release-gate/watch/web/hold/web-02 critical");
        assertThat(alice.requests().get(1).json().path("payload").path("summary").asText())
                .contains("web-02 was due back at");
        assertThat(oncallAfterExpiry).as("the chain hears of it only when the owner did not act").isZero();
        assertThat(escalated.out()).contains("page escalate release-gate/watch/web/hold/web-02");
        assertThat(events(oncall)).contains("trigger release-gate/watch/web/hold/web-02 critical");
        assertThat(back.exitCode()).as(back.out() + back.err()).isZero();
        assertThat(events(alice)).contains("resolve release-gate/watch/web/hold/web-02");
        assertThat(events(oncall)).contains("resolve release-gate/watch/web/hold/web-02");
    }

    @Test
    void shouldKeepAPageThePagerRefusedInTheOutboxAndSendItOnceThePagerIsBack() throws Exception {
        policy(1);
        web02(AdminState.MAINT);
        oncallStatus.set(503);

        CliRun down = once();
        oncallStatus.set(202);
        int refused = oncall.requests().size();
        CliRun up = once();

        assertThat(down.exitCode()).as(down.out() + down.err()).isEqualTo(ExitCodes.UNRECOVERED);
        assertThat(down.err()).contains("undelivered and waits in the outbox");
        assertThat(refused).isPositive();
        assertThat(up.exitCode()).isEqualTo(ExitCodes.FAIL);
        assertThat(events(oncall).subList(refused, oncall.requests().size()))
                .contains("trigger release-gate/watch/web/drift critical");
    }

    @Test
    void shouldSayTheLoadBalancerIsUnreachable() throws Exception {
        policy(2);
        scene.stopHaproxy();

        CliRun first = once();
        CliRun second = once();

        assertThat(first.out()).contains("unreachable (1 cycle): pool web: the load balancer is unreachable:");
        assertThat(second.out()).contains("page trigger release-gate/watch/web/unreachable")
                .contains("live-state (2 cycles): pool web: cannot read the live state:");
    }
}
