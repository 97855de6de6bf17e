package io.releasegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.diff.Change;
import io.releasegate.diff.ChangeKind;
import io.releasegate.log.BufferedLog;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cap on a hold comes from the judging (base) policy: a change cannot raise it and use it at once. */
class HoldCapFromBaseTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseALongHoldWhoseChangeAlsoRaisesTheCap() throws Exception {
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.MINUTES);
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.write(".releasegate.yml", "holds:\n  maxDuration: 24h\n")
                    .copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            String head = repo.write(".releasegate.yml", "holds:\n  maxDuration: 30d\n")
                    .write(".releasegate/holds.yml", "holds:\n  - pool: web\n    server: web-02\n    since: " + since
                            + "\n    until: " + since.plus(3, ChronoUnit.DAYS) + "\n    reason: soak\n"
                            + "    owner: mallory\n")
                    .commit("a three-day hold, and the cap raised to allow it");

            ChangeReport report = ChangeAssessment.assess(dir, base, head, PolicyLocation.repository(), false,
                    new BufferedLog());

            assertThat(report.changes()).extracting(a -> a.change().kind()).contains(ChangeKind.POLICY_CHANGED,
                    ChangeKind.CONFIG_UNPARSEABLE).doesNotContain(ChangeKind.HOLD_ADDED);
            assertThat(report.changes()).map(a -> a.change()).filteredOn(c -> c.kind() == ChangeKind.POLICY_CHANGED)
                    .extracting(Change::message).anySatisfy(m -> assertThat(m).contains("holds.maxDuration"));
            assertThat(report.changes()).map(a -> a.change())
                    .filteredOn(c -> c.kind() == ChangeKind.CONFIG_UNPARSEABLE).singleElement()
                    .satisfies(c -> assertThat(c.message()).contains(".releasegate/holds.yml is refused at the head "
                            + "revision (line 5)").contains("lasts 3d, longer than holds.maxDuration 1d"));
            assertThat(report.risk()).isEqualTo(Risk.CRITICAL);
        }
    }
}
