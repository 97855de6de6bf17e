package io.releasegate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.hold.Hold;
import io.releasegate.hold.Holds;
import io.releasegate.live.AdminState;
import io.releasegate.live.LiveServer;
import io.releasegate.live.OperationalState;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.drift.DriftReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldServersTest {
    private static final Instant SINCE = Instant.parse("2026-12-03T16:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-03T18:00:00Z");
    private static final Clock DURING = Clock.fixed(Instant.parse("2026-12-03T17:00:00Z"), ZoneOffset.UTC);
    private static final Clock AFTER = Clock.fixed(Instant.parse("2026-12-03T18:01:00Z"), ZoneOffset.UTC);

    private static Pool pool(boolean web02Disabled) {
        return new Pool("web", "roundrobin", "", "lb/haproxy.cfg", 18, List.of(
                Server.builder("web-01").address("127.0.0.1", 8081).line(20).build(),
                Server.builder("web-02").address("127.0.0.1", 8082).disabled(web02Disabled).line(21).build()));
    }

    private static Holds holds() {
        return new Holds(".releasegate/holds.yml", List.of(new Hold("web", "web-02", SINCE, UNTIL, "load test", "alice",
                "", ".releasegate/holds.yml", 2)));
    }

    private static LiveServer live(String name, AdminState state) {
        return new LiveServer(name, "", OperationalState.UP, state, state == AdminState.MAINT
                ? "set by the runtime API" : "", 1, "");
    }

    @Test
    void shouldLeaveAHeldServerOutOfTheExpectationUntilItsHoldEnds() {
        assertThat(new HeldServers(pool(false), holds(), DURING).expected().names()).containsExactly("web-01");
        assertThat(new HeldServers(pool(false), holds(), AFTER).expected().names()).containsExactly("web-01", "web-02");
        assertThat(HeldServers.none(pool(false)).expected().names()).containsExactly("web-01", "web-02");
    }

    @Test
    void shouldRefuseToVerifyAPoolWhoseEveryServerIsHeld() {
        Holds both = holds().with(new Hold("web", "web-01", SINCE, UNTIL, "rack move", "bob", "", "", 0));

        assertThatThrownBy(() -> new HeldServers(pool(false), both, DURING).expected())
                .hasMessage("every server of pool web that takes traffic is held (web-01, web-02): nothing to verify "
                        + "until a hold ends");
    }

    @Test
    void shouldCallAHeldServerInMaintenanceOutAsPlanned() {
        DriftReport report = new DriftReport("web", "runtime API", List.of(live("web-01", AdminState.READY),
                live("web-02", AdminState.MAINT)), List.of(
                CheckResult.pass("drift", "web-01", "web-01 is READY"),
                CheckResult.fail("drift", "web-02", "web-02 is declared in lb/haproxy.cfg:21 but is in MAINT")));
        HeldServers held = new HeldServers(pool(false), holds(), DURING);

        List<CheckResult> checks = held.apply(held.drift(report));

        assertThat(checks).extracting(CheckResult::check, CheckResult::subject, CheckResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hold", "web-02", CheckStatus.PASS),
                org.assertj.core.groups.Tuple.tuple("drift", "web-01", CheckStatus.PASS),
                org.assertj.core.groups.Tuple.tuple("drift", "web-02", CheckStatus.PASS));
        assertThat(checks.get(0).reason()).isEqualTo("web-02 is held until 18:00 (hold by alice: load test), 1h left: "
                + "expected out of pool web (.releasegate/holds.yml:2)");
        assertThat(checks.get(2).reason()).isEqualTo("web-02 is out of pool web as planned until 18:00 (hold by alice: "
                + "load test): web-02 is declared in lb/haproxy.cfg:21 but is in MAINT");
        assertThat(Judge.judge(checks).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void shouldFailTheFirstCheckAfterTheHoldEndedWithTheServerStillInMaintenance() {
        DriftReport report = new DriftReport("web", "runtime API", List.of(live("web-01", AdminState.READY),
                live("web-02", AdminState.MAINT)), List.of(
                CheckResult.pass("drift", "web-01", "web-01 is READY"),
                CheckResult.fail("drift", "web-02", "web-02 is declared in lb/haproxy.cfg:21 but is in MAINT")));
        HeldServers held = new HeldServers(pool(false), holds(), AFTER);

        List<CheckResult> checks = held.apply(held.drift(report));

        assertThat(checks.get(0)).isEqualTo(CheckResult.fail("hold", "web-02", "web-02 was due back at 18:00 (hold by "
                + "alice: load test) and is still out of pool web: web-02 is declared in lb/haproxy.cfg:21 but is in "
                + "MAINT"));
        assertThat(checks).filteredOn(c -> c.status() == CheckStatus.FAIL).hasSize(1);
        assertThat(Judge.judge(checks).reasons().get(0)).startsWith("web-02 was due back at 18:00");
    }

    @Test
    void shouldFailAnEndedHoldWhoseServerGotNoTrafficOrIsStillDisabledInTheConfiguration() {
        List<CheckResult> traffic = List.of(CheckResult.pass("missing", "web-01", "web-01 answered 12 of 12"),
                CheckResult.fail("missing", "web-02", "web-02 got none of 12 responses through the load balancer"));

        List<CheckResult> byTraffic = new HeldServers(pool(false), holds(), AFTER).apply(traffic);
        List<CheckResult> byConfig = new HeldServers(pool(true), holds(), AFTER).apply(List.of());

        assertThat(byTraffic).filteredOn(c -> c.status() == CheckStatus.FAIL).singleElement()
                .isEqualTo(CheckResult.fail("hold", "web-02", "web-02 was due back at 18:00 (hold by alice: load test) "
                        + "and is still out of pool web: web-02 got none of 12 responses through the load balancer"));
        assertThat(byConfig).singleElement().isEqualTo(CheckResult.fail("hold", "web-02", "web-02 was due back at "
                + "18:00 (hold by alice: load test) and is still out of pool web: it is declared disabled in "
                + "lb/haproxy.cfg:21"));
    }

    @Test
    void shouldSayAServerIsBackAfterItsHold() {
        List<CheckResult> traffic = List.of(CheckResult.pass("missing", "web-02", "web-02 answered 6 of 12"));

        List<CheckResult> checks = new HeldServers(pool(false), holds(), AFTER).apply(traffic);

        assertThat(checks.get(0)).isEqualTo(CheckResult.pass("hold", "web-02", "web-02 is back in pool web: the hold "
                + "on web-02 ended at 18:00 (hold by alice: load test); remove it from .releasegate/holds.yml:2"));
    }

    @Test
    void shouldNotRequireAHeldServerToBeOutOrHealthy() {
        List<CheckResult> checks = List.of(
                CheckResult.fail("unexpected", "web-02", "3 responses came from web-02, which is not in the declared "
                        + "pool (web-01)"),
                CheckResult.fail("health", "web-02", "web-02 answered 503"));

        List<CheckResult> adjusted = new HeldServers(pool(false), holds(), DURING).apply(checks);

        assertThat(adjusted).extracting(CheckResult::status).containsExactly(CheckStatus.PASS, CheckStatus.PASS,
                CheckStatus.NO_DATA);
        assertThat(adjusted.get(1).reason()).startsWith("web-02 is held until 18:00 (hold by alice: load test) and "
                + "still answered: a hold allows a server out, it does not require it");
        assertThat(adjusted.get(2).reason()).isEqualTo("not required while web-02 is held until 18:00 (hold by alice: "
                + "load test): web-02 answered 503");
    }
}
