package io.releasegate.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.ConfigParseException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HoldsFileTest {
    private static final Instant NOW = Instant.parse("2026-12-03T16:30:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void shouldReadOneHoldPerServerWithItsLine() throws Exception {
        String yaml = """
                holds:
                  - pool: web
                    servers: [web-02, web-03]
                    since: 2026-12-03T16:00:00Z
                    until: 2026-12-03T18:00:00Z
                    reason: load test
                    owner: alice
                    contact: alice-slack
                  - pool: api
                    server: api-01
                    since: 2026-12-03T16:00:00+01:00
                    until: 2026-12-03T17:00Z
                    reason: "kernel upgrade"
                    owner: bob
                """;

        Holds holds = HoldsFile.parse(".releasegate/holds.yml", yaml, DAY, NOW);

        assertThat(holds.holds()).extracting(Hold::target).containsExactly("web/web-02", "web/web-03", "api/api-01");
        Hold web02 = holds.of("web", "web-02").orElseThrow();
        assertThat(web02.until()).isEqualTo(Instant.parse("2026-12-03T18:00:00Z"));
        assertThat(web02.byWhom()).isEqualTo("hold by alice: load test");
        assertThat(web02.contact()).isEqualTo("alice-slack");
        assertThat(web02.where()).isEqualTo(".releasegate/holds.yml:2");
        Hold api = holds.of("api", "api-01").orElseThrow();
        assertThat(api.since()).isEqualTo(Instant.parse("2026-12-03T15:00:00Z"));
        assertThat(api.contact()).isEmpty();
        assertThat(holds.activeAt(NOW)).hasSize(3);
        assertThat(holds.expiredAt(Instant.parse("2026-12-03T17:30:00Z"))).extracting(Hold::target)
                .containsExactly("api/api-01");
    }

    @Test
    void shouldRefuseAHoldLongerThanTheCapNamingFileAndLine() {
        String yaml = """
                holds:
                  - pool: web
                    servers: [web-02]
                    since: 2026-12-03T16:00:00Z
                    until: 2026-12-06T16:00:00Z
                    reason: load test
                    owner: alice
                """;

        assertThatThrownBy(() -> HoldsFile.parse(".releasegate/holds.yml", yaml, DAY, NOW))
                .isInstanceOf(ConfigParseException.class)
                .hasMessageStartingWith(".releasegate/holds.yml:5:")
                .hasMessageContaining("'holds[0].until': the hold on web/web-02 lasts 3d, longer than "
                        + "holds.maxDuration 1d");
    }

    @Test
    void shouldRefuseASinceInTheFutureSoTheCapCannotBeDodged() {
        String yaml = """
                holds:
                  - pool: web
                    servers: [web-02]
                    since: 2027-01-01T00:00:00Z
                    until: 2027-01-01T23:00:00Z
                    reason: load test
                    owner: alice
                """;

        assertThatThrownBy(() -> HoldsFile.parse("h.yml", yaml, DAY, NOW))
                .hasMessageStartingWith("h.yml:4:")
                .hasMessageContaining("the hold starts in the future");
    }

    @Test
    void shouldNameEachMistakeWithItsLine() {
        assertThatThrownBy(() -> HoldsFile.parse("h.yml", "holds:\n  - pool: web\n    servers: [web-02]\n"
                + "    since: 2026-12-03T16:00:00Z\n    until: tomorrow\n    reason: x\n    owner: a\n", DAY, NOW))
                .hasMessageStartingWith("h.yml:5:").hasMessageContaining("'tomorrow' is not an absolute time");
        assertThatThrownBy(() -> HoldsFile.parse("h.yml", "holds:\n  - pool: web\n    servers: [web-02]\n"
                + "    since: 2026-12-03T16:00:00Z\n    until: 2026-12-03T17:00:00Z\n    owner: a\n", DAY, NOW))
                .hasMessageStartingWith("h.yml:2:").hasMessageContaining("a hold needs 'reason'");
        assertThatThrownBy(() -> HoldsFile.parse("h.yml", "holds:\n  - pool: web\n    servers: [web-02]\n"
                + "    since: 2026-12-03T16:00:00Z\n    until: 2026-12-03T15:00:00Z\n    reason: x\n    owner: a\n",
                DAY, NOW)).hasMessageContaining("ends (2026-12-03T15:00:00Z) before it starts");
        assertThatThrownBy(() -> HoldsFile.parse("h.yml", "holds:\n  - pool: web\n    servers: [web-02]\n"
                + "    since: 2026-12-03T16:00:00Z\n    until: 2026-12-03T17:00:00Z\n    reason: x\n    owner: a\n"
                + "    expires: soon\n", DAY, NOW)).hasMessageStartingWith("h.yml:8:")
                .hasMessageContaining("unknown key 'expires'");
        assertThatThrownBy(() -> HoldsFile.parse("h.yml", "holds:\n  - pool: web\n    servers: [\"web 02\"]\n"
                + "    since: 2026-12-03T16:00:00Z\n    until: 2026-12-03T17:00:00Z\n    reason: x\n    owner: a\n",
                DAY, NOW)).hasMessageContaining("'web 02' is not a name");
    }

    @Test
    void shouldRefuseAServerHeldTwice() {
        String entry = "  - pool: web\n    servers: [web-02]\n    since: 2026-12-03T16:00:00Z\n"
                + "    until: 2026-12-03T17:00:00Z\n    reason: x\n    owner: a\n";

        assertThatThrownBy(() -> HoldsFile.parse("h.yml", "holds:\n" + entry + entry, DAY, NOW))
                .hasMessageStartingWith("h.yml:8:")
                .hasMessageContaining("web/web-02 is held twice (lines 2 and 8)");
    }

    @Test
    void shouldCheckTheCapButNotTheClockOfAnApprovedRevision() throws Exception {
        String future = "holds:\n  - pool: web\n    servers: [web-02]\n    since: 2030-01-01T00:00:00Z\n"
                + "    until: 2030-01-01T01:00:00Z\n    reason: x\n    owner: a\n";

        assertThat(HoldsFile.parseApproved("h.yml", future, DAY).holds()).hasSize(1);
        assertThatThrownBy(() -> HoldsFile.parseApproved("h.yml", future, Duration.ofMinutes(30)))
                .hasMessageContaining("longer than holds.maxDuration 30m");
    }

    @Test
    void shouldHoldNothingBeforeAnApprovedHoldStartsSoItsCapCountsFromNow() throws Exception {
        // arrange: an approved revision's one-hour hold that starts in 2030
        String future = "holds:\n  - pool: web\n    servers: [web-02]\n    since: 2030-01-01T00:00:00Z\n"
                + "    until: 2030-01-01T01:00:00Z\n    reason: x\n    owner: a\n";
        Hold hold = HoldsFile.parseApproved("h.yml", future, DAY).holds().get(0);

        // act, assert: not in force (and not expired) before it starts, within the clock skew of its start
        assertThat(hold.activeAt(NOW)).isFalse();
        assertThat(hold.expiredAt(NOW)).isFalse();
        assertThat(hold.pendingAt(NOW)).isTrue();
        assertThat(hold.activeAt(Instant.parse("2029-12-31T23:56:00Z"))).isTrue();
        assertThat(hold.activeAt(Instant.parse("2030-01-01T01:00:00Z"))).isFalse();
        assertThat(hold.expiredAt(Instant.parse("2030-01-01T01:00:00Z"))).isTrue();
    }

    @Test
    void shouldWriteWhatItReadsBack() throws Exception {
        Hold web02 = new Hold("web", "web-02", Instant.parse("2026-12-03T16:00:00Z"),
                Instant.parse("2026-12-03T18:00:00Z"), "load test: \"phase 2\"", "alice", "alice-slack", "", 0);
        Hold web03 = new Hold("web", "web-03", web02.since(), web02.until(), web02.reason(), "alice", "alice-slack",
                "", 0);
        Hold yes = new Hold("api", "yes", web02.since(), web02.until(), "true", "0042", "", "", 0);
        Holds holds = Holds.none(HoldsFile.PATH).with(web02).with(web03).with(yes);

        String text = HoldsFile.render(holds);
        Holds read = HoldsFile.parse(HoldsFile.PATH, text, DAY, NOW);

        assertThat(text).contains("servers: [web-02, web-03]").contains("until: 2026-12-03T18:00:00Z")
                .contains("servers: [\"yes\"]").contains("owner: \"0042\"");
        assertThat(read.holds()).extracting(Hold::target, Hold::until, Hold::reason, Hold::owner, Hold::contact)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("web/web-02", web02.until(), web02.reason(), "alice",
                                "alice-slack"),
                        org.assertj.core.groups.Tuple.tuple("web/web-03", web02.until(), web02.reason(), "alice",
                                "alice-slack"),
                        org.assertj.core.groups.Tuple.tuple("api/yes", web02.until(), "true", "0042", ""));
        assertThat(HoldsFile.parse(HoldsFile.PATH, HoldsFile.render(read.without("web", "web-02")
                .without("web", "web-03").without("api", "yes")), DAY, NOW).isEmpty()).isTrue();
    }

    @Test
    void shouldSayTimesAsPeopleDo() {
        Instant end = Instant.parse("2026-12-03T18:00:00Z");

        assertThat(HoldTimes.clock(end, NOW)).isEqualTo("18:00");
        assertThat(HoldTimes.clock(end, Instant.parse("2026-12-02T18:00:00Z"))).isEqualTo("2026-12-03 18:00");
        assertThat(HoldTimes.duration(Duration.ofMinutes(65))).isEqualTo("1h 5m");
        assertThat(HoldTimes.duration(Duration.ofHours(50))).isEqualTo("2d 2h");
        assertThat(HoldTimes.duration(Duration.ofSeconds(45))).isEqualTo("45s");
    }
}
