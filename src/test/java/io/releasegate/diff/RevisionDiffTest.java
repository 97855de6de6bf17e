package io.releasegate.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.ConfigFormat;
import io.releasegate.config.FileRule;
import io.releasegate.config.FileRules;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionDiffTest {
    @TempDir
    Path dir;

    private DiffResult diff(ScenarioRepo repo, String base, String head, FileRules rules) throws Exception {
        return RevisionDiffs.between(repo.root(), base, head, rules, true);
    }

    @Test
    void shouldReportTheIncidentFromGitObjects() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("two web servers");
            String head = repo.copyFixture("poolfile/incident-after.yml", "lb/pools.yml")
                    .commit("take web-02 out for the test", "Mallory Ops", "mallory@example.org");
            repo.write("lb/pools.yml", "not: [what, was, committed]\n");

            DiffResult result = diff(repo, base, head, FileRules.byContent());

            assertThat(result.base()).isEqualTo(base);
            assertThat(result.head()).isEqualTo(head);
            assertThat(result.changes()).extracting(Change::kind).containsExactly(ChangeKind.SERVER_REMOVED,
                    ChangeKind.CAPACITY_REDUCED, ChangeKind.SINGLE_POINT_OF_FAILURE);
            assertThat(result.changes().get(0)).extracting(Change::file, Change::line, Change::pool, Change::server)
                    .containsExactly("lb/pools.yml", 8, "web", "web-02");
            assertThat(result.files()).containsExactly(new DiffResult.FileEntry("lb/pools.yml", "lb/pools.yml",
                    ConfigFormat.POOLFILE, FileChange.Status.MODIFIED));
            assertThat(result.pools()).singleElement().satisfies(pool -> {
                assertThat(pool.activeServers()).containsExactly("web-01");
                assertThat(pool.totalWeight()).isEqualTo(1);
            });
            assertThat(result.authors()).containsExactly(new Author("Mallory Ops", "mallory@example.org"));
            assertThat(result.patch()).contains("-      web-02: {address: 127.0.0.1:8082");
            assertThat(result.digest()).startsWith("sha256:").hasSize(71);
        }
    }

    @Test
    void shouldFindNoChangeInCommentsReorderingAndRenames() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            repo.write("lb/pools.yml", "# reformatted\npools:\n  web:\n    healthCheck: http GET /health\n"
                    + "    servers:\n\n      web-02: {check: true, address: 127.0.0.1:8082}\n"
                    + "      web-01: {address: 127.0.0.1:8081, weight: 1, check: true}  # first\n"
                    + "    algorithm: roundrobin\n").commit("reformat");
            String head = repo.rename("lb/pools.yml", "lb/web-pools.yml").commit("rename");

            DiffResult result = diff(repo, base, head, FileRules.byContent());

            assertThat(result.changes()).isEmpty();
            assertThat(result.digest()).isEqualTo(ChangeDigest.of(List.of()));
        }
    }

    @Test
    void shouldFollowARenameThatAlsoChangesContent() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            repo.delete("lb/pools.yml");
            String head = repo.write("lb/prod-pools.yml", ScenarioRepo.fixture("poolfile/incident-before.yml")
                    .replace("web-02: {address: 127.0.0.1:8082, weight: 1", "web-02: {address: 127.0.0.1:8082, weight: 2"))
                    .commit("rename and reweight");

            DiffResult result = diff(repo, base, head, FileRules.byContent());

            assertThat(result.files()).singleElement().satisfies(file -> {
                assertThat(file.status()).isEqualTo(FileChange.Status.RENAMED);
                assertThat(file.oldPath()).isEqualTo("lb/pools.yml");
                assertThat(file.path()).isEqualTo("lb/prod-pools.yml");
            });
            assertThat(result.changes()).extracting(Change::kind, Change::before, Change::after)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeKind.WEIGHT_CHANGED, "1", "2"));
        }
    }

    @Test
    void shouldCompareAPoolThatMovedToAnotherFileAsOnePool() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "a/pools.yml")
                    .write("b/other.yml", "pools:\n  api:\n    servers:\n      x: {address: 10.0.0.1:80}\n      "
                            + "y: {address: 10.0.0.2:80}\n")
                    .commit("two files");
            String head = repo.write("a/pools.yml", "pools:\n  api:\n    servers:\n      x: {address: 10.0.0.1:80}\n"
                    + "      y: {address: 10.0.0.2:80}\n")
                    .write("b/other.yml", ScenarioRepo.fixture("poolfile/incident-after.yml")).commit("swap");

            DiffResult result = diff(repo, base, head, FileRules.byContent());

            assertThat(result.changes()).extracting(Change::kind).containsExactly(ChangeKind.SERVER_REMOVED,
                    ChangeKind.CAPACITY_REDUCED, ChangeKind.SINGLE_POINT_OF_FAILURE);
            assertThat(result.changes().get(0).file()).isEqualTo("b/other.yml");
        }
    }

    @Test
    void shouldReportDeletedAndAddedFilesAsPools() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            String head = repo.delete("lb/pools.yml").copyFixture("poolfile/cloud-lb.json", "lb/cloud.json")
                    .commit("replace");

            DiffResult result = diff(repo, base, head, FileRules.byContent());

            assertThat(result.changes()).extracting(Change::kind, Change::pool).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ChangeKind.POOL_REMOVED, "web"),
                    org.assertj.core.groups.Tuple.tuple(ChangeKind.POOL_ADDED, "api"));
        }
    }

    @Test
    void shouldReportAnUnparseableHeadAndKeepGoing() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            String head = repo.write("lb/pools.yml", "pools:\n  web:\n    servers:\n      a: {adress: x}\n")
                    .commit("typo");

            DiffResult result = diff(repo, base, head, FileRules.byContent());

            assertThat(result.changes()).singleElement().satisfies(change -> {
                assertThat(change.kind()).isEqualTo(ChangeKind.CONFIG_UNPARSEABLE);
                assertThat(change.line()).isEqualTo(4);
                assertThat(change.message()).contains("unknown key 'adress'");
            });
            assertThat(result.errors()).singleElement().satisfies(error -> {
                assertThat(error.file()).isEqualTo("lb/pools.yml");
                assertThat(error.revision()).isEqualTo("head");
            });
        }
    }

    @Test
    void shouldOnlyReadFilesTheRulesSelect() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml")
                    .copyFixture("poolfile/incident-before.yml", "other/pools.yml").commit("pools");
            String head = repo.copyFixture("poolfile/incident-after.yml", "lb/pools.yml")
                    .copyFixture("poolfile/incident-after.yml", "other/pools.yml").commit("both");
            FileRules rules = FileRules.of(List.of(new FileRule("lb/*.yml", ConfigFormat.POOLFILE)));

            DiffResult result = diff(repo, base, head, rules);

            assertThat(result.changes()).extracting(Change::file).containsOnly("lb/pools.yml");
        }
    }

    @Test
    void shouldChangeTheDigestWithTheSemanticChangeOnly() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            String removeWeb2 = repo.copyFixture("poolfile/incident-after.yml", "lb/pools.yml").commit("remove");
            String reformatted = repo.write("lb/pools.yml", "# same, reformatted\n"
                    + ScenarioRepo.fixture("poolfile/incident-after.yml")).commit("comment");
            String disableWeb1 = repo.write("lb/pools.yml", ScenarioRepo.fixture("poolfile/incident-after.yml")
                    .replace("check: true}", "check: true, disabled: true}")).commit("disable");

            String first = diff(repo, base, removeWeb2, FileRules.byContent()).digest();
            String same = diff(repo, base, reformatted, FileRules.byContent()).digest();
            String other = diff(repo, base, disableWeb1, FileRules.byContent()).digest();

            assertThat(same).isEqualTo(first);
            assertThat(other).isNotEqualTo(first);
        }
    }

    @Test
    void shouldPinTheDigestOfAnUnparseableHeadToItsContent() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            // arrange: two heads that both fail on a second backend 'web', one keeping both servers, one with none
            String base = repo.copyFixture("haproxy/valid/incident-before.cfg", "lb/haproxy.cfg").commit("pool");
            String approved = repo.write("lb/haproxy.cfg", ScenarioRepo.fixture("haproxy/valid/incident-before.cfg")
                    + "backend web\n    balance roundrobin\n").commit("a harmless duplicate");
            String swapped = repo.write("lb/haproxy.cfg", "backend web\n    balance roundrobin\nbackend web\n")
                    .commit("no servers at all, same error");

            // act
            DiffResult first = diff(repo, base, approved, FileRules.byContent());
            DiffResult second = diff(repo, base, swapped, FileRules.byContent());

            // assert: the same kind of error, but an approval of the first is void for the second
            assertThat(first.changes()).extracting(Change::kind).containsExactly(ChangeKind.CONFIG_UNPARSEABLE);
            assertThat(second.changes()).extracting(Change::kind).containsExactly(ChangeKind.CONFIG_UNPARSEABLE);
            assertThat(first.changes().get(0).after()).startsWith("content sha256:");
            assertThat(second.digest()).isNotEqualTo(first.digest());
        }
    }

    @Test
    void shouldReadTheBaseSideInItsOwnFormatWhenTheHeadLooksLikeAnotherFormat() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            // arrange: the HAProxy file becomes an nginx-looking file whose pool web has one server
            String base = repo.copyFixture("haproxy/valid/incident-before.cfg", "lb/haproxy.cfg").commit("pool");
            String head = repo.write("lb/haproxy.cfg", "events {}\nhttp {\n  upstream web {\n"
                    + "    server 127.0.0.1:8081;\n  }\n}\n").commit("looks like nginx now");

            // act
            DiffResult result = diff(repo, base, head, FileRules.byContent());

            // assert: base is read as HAProxy (no parse error), its web-02 is seen going away
            assertThat(result.errors()).isEmpty();
            assertThat(result.changes()).extracting(Change::kind).contains(ChangeKind.CAPACITY_REDUCED)
                    .doesNotContain(ChangeKind.POOL_ADDED);
            assertThat(result.changes()).anySatisfy(change -> assertThat(change.message())
                    .isEqualTo("lb/haproxy.cfg is now nginx configuration (it was haproxy): its pools are compared"
                            + " by name across the two formats."));
        }
    }

    @Test
    void shouldRejectUnknownRevisionsAndNonRepositories(@TempDir Path empty) throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");

            assertThatThrownBy(() -> diff(repo, "no-such-branch", "HEAD", FileRules.byContent()))
                    .isInstanceOf(RepositoryException.class).hasMessageContaining("unknown revision 'no-such-branch'");
        }
        assertThatThrownBy(() -> GitRepository.open(empty)).isInstanceOf(RepositoryException.class)
                .hasMessageContaining("not a git repository");
    }
}
