package io.jenkins.plugins.releasegate.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasegate.agent.HoldInForce;
import io.releasegate.hold.Hold;
import io.releasegate.recovery.RecoveryResult;
import io.releasegate.recovery.Stage;
import io.releasegate.rollback.RollbackResult;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The holds as the build's and the job's pages show them, in words, without a running Jenkins. */
class HoldViewsTest {
    private static final Instant UNTIL = Instant.parse("2026-12-03T18:00:00Z");
    /** When the build's verification judged the holds: 1 h 5 min before web-02 and web-03 are due back. */
    private static final Instant JUDGED = UNTIL.minus(Duration.ofMinutes(65));

    private static Hold hold(String server, Instant until, String owner, String reason, int line) {
        return new Hold("web", server, until.minus(Duration.ofHours(2)), until, reason, owner, "",
                ".releasegate/holds.yml", line);
    }

    /** One entry of the file holds web-02 and web-03 (line 2), another held web-04 until 16:53 (line 9). */
    private static List<HoldInForce> inForce() {
        return List.of(new HoldInForce(hold("web-02", UNTIL, "alice", "load test", 2), HoldInForce.State.HELD, JUDGED),
                new HoldInForce(hold("web-03", UNTIL, "alice", "load test", 2), HoldInForce.State.HELD, JUDGED),
                new HoldInForce(hold("web-04", JUDGED.minus(Duration.ofMinutes(2)), "bob", "kernel update", 9),
                        HoldInForce.State.OVERDUE, JUDGED));
    }

    @Test
    void shouldShowTheHoldsOfAVerificationOneRowPerEntryOfTheFile() {
        // act
        VerificationView view = VerificationView.of(ViewsTest.incident(), inForce());

        // assert
        assertThat(view.isHasHolds()).isTrue();
        assertThat(view.getHolds()).hasSize(2);
        HoldView held = view.getHolds().get(0);
        assertThat(held.getPool()).isEqualTo("web");
        assertThat(held.getServers()).isEqualTo("web-02, web-03");
        assertThat(held.getUntil()).isEqualTo("2026-12-03 18:00:00 UTC");
        assertThat(held.getOwner()).isEqualTo("alice");
        assertThat(held.getReason()).isEqualTo("load test");
        assertThat(held.getWhere()).isEqualTo(".releasegate/holds.yml:2");
        assertThat(held.getState()).isEqualTo("HELD");
        assertThat(held.getStateBadge()).isEqualTo("jenkins-!-info-color");
        assertThat(held.getTimeLeft()).isEqualTo("1h 5m left");
        HoldView overdue = view.getHolds().get(1);
        assertThat(overdue.getServers()).isEqualTo("web-04");
        assertThat(overdue.getUntil()).isEqualTo("2026-12-03 16:53:00 UTC");
        assertThat(overdue.getState()).isEqualTo("OVERDUE");
        assertThat(overdue.getStateBadge()).isEqualTo("jenkins-!-error-color");
        assertThat(overdue.getTimeLeft()).isEqualTo("due back 2m before, still out");
    }

    @Test
    void shouldSayNothingAboutHoldsWithoutAny() {
        // act
        VerificationView view = VerificationView.of(ViewsTest.incident());

        // assert
        assertThat(view.isHasHolds()).isFalse();
        assertThat(view.getHolds()).isEmpty();
    }

    @Test
    void shouldReadAViewKeptBeforeHoldsWereKeptAsWithoutHolds() throws Exception {
        // arrange: XStream leaves a field missing from an older recovery-N.xml null
        VerificationView view = VerificationView.of(ViewsTest.incident(), inForce());
        Field holds = VerificationView.class.getDeclaredField("holds");
        holds.setAccessible(true);
        holds.set(view, null);

        // act + assert
        assertThat(view.isHasHolds()).isFalse();
        assertThat(view.getHolds()).isEmpty();
    }

    @Test
    void shouldTakeTheHoldsOfTheVerificationAfterTheRollbackWhenItRan() {
        // arrange: the deploy's verification saw web-04 overdue; after the rollback the base revision holds web-02
        RecoveryResult recovered = new RecoveryResult("web", RecoveryResult.Outcome.RECOVERED, "recovered",
                ViewsTest.incident(), RollbackResult.ok("command: touch x", 0, "", 5, "exited 0"),
                ViewsTest.incident(), List.of(), null, "release-gate/lb-monitor/web", List.of());

        // act
        RecoveryView view = RecoveryView.of("web", recovered, page -> null, stage -> stage == Stage.AFTER_DEPLOY
                ? inForce().subList(2, 3) : inForce().subList(0, 1));

        // assert
        assertThat(view.getVerification().getHolds()).extracting(HoldView::getServers).containsExactly("web-04");
        assertThat(view.getHolds()).extracting(HoldView::getServers).containsExactly("web-02");
    }

    @Test
    void shouldShowTheJobsActiveHoldsAsOfNow() {
        // arrange: the page is rendered 10 minutes after the build's verification
        List<HoldView> holds = VerificationView.of(ViewsTest.incident(), inForce()).getHolds();
        long now = JUDGED.plus(Duration.ofMinutes(10)).toEpochMilli();

        // act
        ActiveHolds active = ActiveHolds.of(12, "job/lb-monitor/12/", holds, now);

        // assert: which build and when, then each hold with its time left now
        assertThat(active.getNumber()).isEqualTo(12);
        assertThat(active.getUrl()).isEqualTo("job/lb-monitor/12/");
        assertThat(active.getTime()).isEqualTo("2026-12-03 16:55:00 UTC");
        assertThat(active.getRows()).extracting(ActiveHolds.Row::getState).containsExactly("HELD", "OVERDUE");
        assertThat(active.getRows().get(0).getTimeLeft()).isEqualTo("55m left");
        assertThat(active.getRows().get(0).getHold().getOwner()).isEqualTo("alice");
        assertThat(active.getRows().get(1).getStateBadge()).isEqualTo("jenkins-!-error-color");
        assertThat(active.getRows().get(1).getTimeLeft()).isEqualTo("due back 12m ago, still out when #12 verified");
    }

    @Test
    void shouldNeverCallAHoldThatEndedSinceTheBuildActive() {
        // arrange: the page is rendered 5 minutes after web-02's hold ended, with no build since
        List<HoldView> holds = VerificationView.of(ViewsTest.incident(), inForce().subList(0, 1)).getHolds();
        long now = UNTIL.plus(Duration.ofMinutes(5)).toEpochMilli();

        // act
        ActiveHolds.Row row = ActiveHolds.of(12, "job/lb-monitor/12/", holds, now).getRows().get(0);

        // assert
        assertThat(row.getState()).isEqualTo("ENDED");
        assertThat(row.getStateBadge()).isEqualTo("jenkins-!-color-dark-yellow");
        assertThat(row.getTimeLeft()).isEqualTo("ended 5m ago, after #12 verified it: the next verification checks "
                + "it is back");
    }

    @Test
    void shouldSayWhenAVerificationCouldNotTellWhetherAServerIsBack() {
        // arrange
        HoldInForce unconfirmed = new HoldInForce(hold("web-02", UNTIL, "alice", "load test", 2),
                HoldInForce.State.UNCONFIRMED, UNTIL.plus(Duration.ofMinutes(3)));
        List<HoldView> holds = VerificationView.of(ViewsTest.incident(), List.of(unconfirmed)).getHolds();

        // act
        ActiveHolds.Row row = ActiveHolds.of(12, "job/lb-monitor/12/", holds,
                UNTIL.plus(Duration.ofMinutes(7)).toEpochMilli()).getRows().get(0);

        // assert
        assertThat(holds.get(0).getTimeLeft()).isEqualTo("ended 3m before, not known whether back");
        assertThat(row.getState()).isEqualTo("UNCONFIRMED");
        assertThat(row.getStateBadge()).isEqualTo("jenkins-!-color-dark-yellow");
        assertThat(row.getTimeLeft()).isEqualTo("ended 7m ago, #12 could not tell whether it is back");
    }

    @Test
    void shouldShowNoActiveHoldsWithoutAny() {
        assertThat(ActiveHolds.of(12, "job/lb-monitor/12/", List.of(), 0)).isNull();
    }
}
