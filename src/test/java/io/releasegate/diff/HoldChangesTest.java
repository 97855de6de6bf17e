package io.releasegate.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.config.FileRules;
import io.releasegate.log.LogSink;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoldChangesTest {
    private static final Clock AT_1630 = Clock.fixed(Instant.parse("2026-12-03T16:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static String hold(String server, String until, String owner) {
        return "holds:\n  - pool: web\n    servers: [" + server + "]\n    since: 2026-12-03T16:00:00Z\n"
                + "    until: " + until + "\n    reason: load test\n    owner: " + owner + "\n";
    }

    private DiffResult diff(ScenarioRepo repo, String base, String head, Duration max) throws Exception {
        try (GitRepository git = GitRepository.open(repo.root())) {
            return new RevisionDiff(git, FileRules.byContent(), LogSink.NONE, max, AT_1630).compare(base, head, false);
        }
    }

    @Test
    void shouldReportHoldsAddedExtendedChangedAndRemoved() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String none = repo.copyFixture("haproxy/valid/incident-before.cfg", "lb/haproxy.cfg").commit("pool");
            String added = repo.write(".releasegate/holds.yml", hold("web-02", "2026-12-03T18:00:00Z", "alice"))
                    .commit("hold web-02");
            String extended = repo.write(".releasegate/holds.yml", hold("web-02", "2026-12-03T20:00:00Z", "alice"))
                    .commit("extend");
            String handedOver = repo.write(".releasegate/holds.yml", hold("web-02", "2026-12-03T19:00:00Z", "bob"))
                    .commit("shorten and hand over");
            String removed = repo.delete(".releasegate/holds.yml").commit("web-02 is back");

            DiffResult add = diff(repo, none, added, Duration.ofHours(24));
            DiffResult extend = diff(repo, added, extended, Duration.ofHours(24));
            DiffResult change = diff(repo, extended, handedOver, Duration.ofHours(24));
            DiffResult remove = diff(repo, handedOver, removed, Duration.ofHours(24));

            assertThat(add.changes()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(ChangeKind.HOLD_ADDED);
                assertThat(c).extracting(Change::file, Change::line, Change::pool, Change::server)
                        .containsExactly(".releasegate/holds.yml", 2, "web", "web-02");
                assertThat(c.message()).isEqualTo("Hold added: web-02 may be out of pool web until 18:00 (2h, "
                        + "hold by alice: load test).");
            });
            assertThat(extend.changes()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(ChangeKind.HOLD_EXTENDED);
                assertThat(c.message()).isEqualTo("Hold on web/web-02 extended from 18:00 to 20:00 (hold by alice: "
                        + "load test).");
            });
            assertThat(change.changes()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(ChangeKind.OTHER_CHANGE);
                assertThat(c.message()).isEqualTo("Hold on web/web-02 changed: ends at 19:00 instead of 20:00; "
                        + "owner alice -> bob.");
            });
            assertThat(remove.changes()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(ChangeKind.HOLD_REMOVED);
                assertThat(c.message()).isEqualTo("Hold on web/web-02 removed (was until 19:00, hold by bob: load "
                        + "test): web-02 is expected back in pool web now.");
            });
            assertThat(add.digest()).isNotEqualTo(extend.digest());
        }
    }

    @Test
    void shouldCallARemovalPlannedOnlyUnderAHoldTheBaseAlreadyHad() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("haproxy/valid/incident-before.cfg", "lb/haproxy.cfg").commit("pool");
            String held = repo.write(".releasegate/holds.yml", hold("web-02", "2026-12-03T18:00:00Z", "alice"))
                    .commit("hold web-02");
            String out = repo.copyFixture("haproxy/valid/incident-after.cfg", "lb/haproxy.cfg").commit("out");

            DiffResult approvedHold = diff(repo, held, out, Duration.ofHours(24));
            DiffResult sameChange = diff(repo, base, out, Duration.ofHours(24));

            Change planned = approvedHold.changes().stream().filter(c -> c.kind() == ChangeKind.SERVER_REMOVED)
                    .findFirst().orElseThrow();
            assertThat(planned.message()).startsWith("Server web-02 (127.0.0.1:8082) removed from pool web")
                    .endsWith(". Planned until 18:00, hold by alice: load test.");
            assertThat(planned.planned()).isTrue();
            assertThat(planned.plannedUnder()).isEqualTo("web/web-02 until 2026-12-03T18:00:00Z, hold by alice: "
                    + "load test");
            Change selfExcused = sameChange.changes().stream().filter(c -> c.kind() == ChangeKind.SERVER_REMOVED)
                    .findFirst().orElseThrow();
            assertThat(selfExcused.message()).contains("Planned under a hold this change adds (until 18:00, hold by "
                    + "alice: load test): the hold is reviewed with it.");
            assertThat(selfExcused.planned()).isFalse();
            assertThat(sameChange.changes()).extracting(Change::kind).contains(ChangeKind.HOLD_ADDED);
        }
    }

    @Test
    void shouldNotCallARemovalAfterTheHoldEndedPlanned() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            repo.copyFixture("haproxy/valid/incident-before.cfg", "lb/haproxy.cfg");
            String held = repo.write(".releasegate/holds.yml", hold("web-02", "2026-12-03T16:20:00Z", "alice"))
                    .commit("short hold");
            String out = repo.copyFixture("haproxy/valid/incident-after.cfg", "lb/haproxy.cfg").commit("out");

            DiffResult result = diff(repo, held, out, Duration.ofHours(24));

            assertThat(result.changes()).filteredOn(c -> c.kind() == ChangeKind.SERVER_REMOVED).singleElement()
                    .satisfies(c -> {
                        assertThat(c.planned()).isFalse();
                        assertThat(c.message()).doesNotContain("Planned");
                    });
        }
    }

    @Test
    void shouldRefuseAHoldOverTheCapAsUnparseableWithFileAndLine() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("haproxy/valid/incident-before.cfg", "lb/haproxy.cfg").commit("pool");
            String head = repo.write(".releasegate/holds.yml", hold("web-02", "2026-12-05T16:00:00Z", "alice"))
                    .commit("a long hold");

            DiffResult result = diff(repo, base, head, Duration.ofHours(24));

            assertThat(result.changes()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(ChangeKind.CONFIG_UNPARSEABLE);
                assertThat(c.line()).isEqualTo(5);
                assertThat(c.message()).startsWith(".releasegate/holds.yml is refused at the head revision (line 5): "
                        + "'holds[0].until': the hold on web/web-02 lasts 2d, longer than holds.maxDuration 1d");
            });
            assertThat(result.errors()).singleElement().extracting(DiffResult.ParseError::file,
                    DiffResult.ParseError::line, DiffResult.ParseError::revision)
                    .containsExactly(".releasegate/holds.yml", 5, "head");
        }
    }
}
