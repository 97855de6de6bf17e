package io.releasegate.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.live.AdminState;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.log.LogSink;
import io.releasegate.testing.WatchScene;
import io.releasegate.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch loop, cycle by cycle, against a real HAProxy and git repository: it keeps working through an HAProxy that
 * is restarted and a repository that cannot be read for a while, and says what each is.
 */
class WatcherITest {
    @TempDir
    Path dir;

    private WatchScene scene;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Watcher watcher;

    @BeforeEach
    void start() {
        scene = WatchScene.start(dir);
        scene.policy(2, "", Map.of());
        Clock clock = Clock.systemUTC();
        RepositoryView view = new RepositoryView(scene.repoDir, "HEAD", Optional.empty(), clock);
        VerifyingPoolCheck check = new VerifyingPoolCheck(new Verifier(), clock, lines::add);
        watcher = new Watcher(view, s -> List.of("web"), check, new Incidents(2), Optional.empty(), Optional.empty(),
                clock, LogSink.NONE, lines::add);
    }

    @AfterEach
    void stop() {
        scene.close();
    }

    @Test
    void shouldSayHaproxyWasRestartedAndThatItsRuntimeStatesAreGone() throws Exception {
        new HaproxyRuntime(scene.haproxy().socket(), Duration.ofSeconds(2)).setState("web", "web-02",
                AdminState.MAINT);
        CycleReport maintenance = watcher.cycle();
        long pid = scene.haproxy().pid();

        scene.stopHaproxy();
        CycleReport down = watcher.cycle();
        scene.startHaproxy();
        awaitUp();
        CycleReport restarted = watcher.cycle();

        assertThat(maintenance.verdicts()).containsEntry("web", "FAIL");
        assertThat(down.findings()).extracting(Finding::cause).contains("unreachable", "live-state");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("HAProxy at " + scene.haproxy().socket()
                + " was restarted (pid " + pid + " -> " + scene.haproxy().pid()).contains("states set through the "
                + "runtime API (MAINT, DRAIN, weights) are back to the configuration"));
        assertThat(restarted.verdicts()).containsEntry("web", "PASS");
        assertThat(restarted.findings()).isEmpty();
    }

    @Test
    void shouldKeepCheckingAgainstTheLastGoodRevisionWhileTheRepositoryCannotBeRead() throws Exception {
        CycleReport good = watcher.cycle();
        Files.move(scene.repoDir.resolve(".git"), dir.resolve("git-away"));
        CycleReport unreadable = watcher.cycle();
        CycleReport stillUnreadable = watcher.cycle();
        Files.move(dir.resolve("git-away"), scene.repoDir.resolve(".git"));
        CycleReport back = watcher.cycle();

        assertThat(good.verdicts()).containsEntry("web", "PASS");
        assertThat(unreadable.repository()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("not a git repository").contains("still checking against " + good.revision().get()));
        assertThat(unreadable.verdicts()).containsEntry("web", "PASS");
        assertThat(stillUnreadable.findings()).extracting(Finding::pool, Finding::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Watcher.REPOSITORY, "unreadable"));
        assertThat(stillUnreadable.pages()).extracting(PageOrder::kind).containsExactly(PageOrder.Kind.TRIGGER);
        assertThat(back.repository()).isEmpty();
        assertThat(back.pages()).extracting(PageOrder::kind).containsExactly(PageOrder.Kind.RESOLVE);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("watch: repository: "));
    }

    @Test
    void shouldLeaveTheThreadUninterruptedWhenStoppedInTheMiddleOfACheck() throws Exception {
        // arrange: a check that is stopped half-way and, like the HTTP and file code, keeps the interrupt set
        java.util.concurrent.CountDownLatch checking = new java.util.concurrent.CountDownLatch(1);
        PoolCheck interruptible = (pool, snapshot, poolsInCycle, log) -> {
            checking.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalArgumentException("cancelled");
        };
        Watcher stopped = new Watcher(new RepositoryView(scene.repoDir, "HEAD", Optional.empty(), Clock.systemUTC()),
                s -> List.of("web"), interruptible, new Incidents(2), Optional.empty(), Optional.empty(),
                Clock.systemUTC(), LogSink.NONE, lines::add);
        java.util.concurrent.atomic.AtomicReference<Boolean> interruptedAfterRun =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread runner = new Thread(() -> {
            stopped.run(Duration.ofSeconds(30), false);
            interruptedAfterRun.set(Thread.currentThread().isInterrupted());
        });

        // act
        runner.start();
        assertThat(checking.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        stopped.stop();
        runner.join(10_000);

        // assert: the caller (WatchCommand) closes the pager on this thread next; a set flag made it drop the pages
        assertThat(runner.isAlive()).isFalse();
        assertThat(interruptedAfterRun.get()).isFalse();
        assertThat(stopped.cycles()).isEqualTo(1);
    }

    private void awaitUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (new HaproxyRuntime(scene.haproxy().socket(), Duration.ofSeconds(1)).showServersState("web")
                        .servers().stream().allMatch(s -> s.takesTraffic())) {
                    return;
                }
            } catch (io.releasegate.live.LiveStateException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
    }
}
