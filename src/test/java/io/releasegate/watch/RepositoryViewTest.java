package io.releasegate.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryViewTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadHeadAgainOnlyWhenItMoves() {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String first = repo.copyFixture("haproxy/valid/incident-before.cfg", "lb/haproxy.cfg").commit("pool");
            RepositoryView view = new RepositoryView(dir, "HEAD", Optional.empty(), Clock.systemUTC());

            RepositoryView.Refresh initial = view.refresh();
            RepositoryView.Refresh same = view.refresh();
            String second = repo.write(".releasegate/holds.yml", "holds:\n  - pool: web\n    server: web-02\n"
                    + "    since: 2026-01-01T10:00:00Z\n    until: 2026-01-01T11:00:00Z\n    reason: test\n"
                    + "    owner: alice\n").commit("hold");
            RepositoryView.Refresh moved = view.refresh();

            assertThat(initial.moved()).isTrue();
            assertThat(same.moved()).isFalse();
            assertThat(moved.moved()).isTrue();
            assertThat(first).isNotEqualTo(second);
            RepositoryView.Snapshot snapshot = view.current().orElseThrow();
            assertThat(snapshot.sha()).isEqualTo(second);
            assertThat(snapshot.pools()).containsKey("web");
            assertThat(snapshot.holds().holds()).extracting(h -> h.target()).containsExactly("web/web-02");
        }
    }

    @Test
    void shouldKeepTheLastGoodRevisionWhileTheRepositoryCannotBeRead() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T16:00:00Z"), ZoneOffset.UTC);
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String good = repo.copyFixture("haproxy/valid/incident-before.cfg", "lb/haproxy.cfg").commit("pool");
            RepositoryView view = new RepositoryView(dir, "HEAD", Optional.empty(), clock);
            view.refresh();

            Files.move(dir.resolve(".git"), dir.resolve(".git-away"));
            RepositoryView.Refresh broken = view.refresh();
            Files.move(dir.resolve(".git-away"), dir.resolve(".git"));
            RepositoryView.Refresh back = view.refresh();

            assertThat(broken.problem()).hasValueSatisfying(problem -> assertThat(problem)
                    .contains("not a git repository").contains("still checking against " + good.substring(0, 10)));
            assertThat(broken.since()).isEqualTo(clock.instant());
            assertThat(view.current().orElseThrow().sha()).isEqualTo(good);
            assertThat(back.problem()).isEmpty();
        }
    }

    @Test
    void shouldKeepTheLastGoodRevisionWhenTheNewOneHasAnInvalidHold() {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String good = repo.copyFixture("haproxy/valid/incident-before.cfg", "lb/haproxy.cfg").commit("pool");
            RepositoryView view = new RepositoryView(dir, "HEAD", Optional.empty(), Clock.systemUTC());
            view.refresh();
            repo.write(".releasegate/holds.yml", "holds:\n  - pool: web\n").commit("bad hold");

            RepositoryView.Refresh refresh = view.refresh();

            assertThat(refresh.problem()).hasValueSatisfying(problem -> assertThat(problem)
                    .startsWith("invalid holds .releasegate/holds.yml:2:"));
            assertThat(view.current().orElseThrow().sha()).isEqualTo(good);
        }
    }
}
