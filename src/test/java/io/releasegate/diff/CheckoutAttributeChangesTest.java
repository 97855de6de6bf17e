package io.releasegate.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change whose only edit is a {@code .gitattributes} line: git converts the load-balancer file on checkout
 * ({@code working-tree-encoding=UTF-16LE}), so the deploy reads bytes the diff never compared. It read "No semantic
 * change" (exit 0, no review); it is CHECKOUT_CHANGED (HIGH). Real git commits.
 */
class CheckoutAttributeChangesTest {
    private static final String HAPROXY = """
            backend web
                balance roundrobin
                server web-01 127.0.0.1:8081 check
                server web-02 127.0.0.1:8082 check
            """;

    @TempDir
    Path dir;

    private DiffResult diff(String base, String head) throws Exception {
        return RevisionDiffs.byContent(dir, base, head);
    }

    @Test
    void shouldReportAnAttributesLineThatConvertsTheConfigurationOnCheckout() throws Exception {
        // arrange
        String base;
        String head;
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            base = repo.write("haproxy.cfg", HAPROXY).commit("pool");
            head = repo.write(".gitattributes", "*.txt text\nhaproxy.cfg working-tree-encoding=UTF-16LE\n")
                    .commit("attributes");
        }

        // act
        DiffResult result = diff(base, head);

        // assert
        assertThat(result.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.CHECKOUT_CHANGED);
            assertThat(c.file()).isEqualTo(".gitattributes");
            assertThat(c.line()).isEqualTo(1);
            assertThat(c.after()).isEqualTo("*.txt text; haproxy.cfg working-tree-encoding=UTF-16LE");
            assertThat(c.message()).isEqualTo(".gitattributes added: git applies it to every file of the repository"
                    + " on checkout (working-tree-encoding, eol, text, ident, filters), so what a deploy reads from a"
                    + " checkout can differ from what this diff compares.");
        });
        assertThat(io.releasegate.policy.Policy.defaults().riskOf(ChangeKind.CHECKOUT_CHANGED))
                .isEqualTo(io.releasegate.policy.Risk.HIGH);
    }

    @Test
    void shouldReportAnEditOrRemovalOfANestedAttributesFileAtItsFirstChangedLine() throws Exception {
        // arrange
        String base;
        String edited;
        String removed;
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            base = repo.write("lb/haproxy.cfg", HAPROXY).write("lb/.gitattributes", "*.cfg text\n*.map text\n")
                    .commit("pool");
            edited = repo.write("lb/.gitattributes", "*.cfg text\n*.map text eol=crlf\n").commit("crlf maps");
            removed = repo.delete("lb/.gitattributes").commit("no attributes");
        }

        // act
        DiffResult edit = diff(base, edited);
        DiffResult removal = diff(edited, removed);
        DiffResult none = diff(edited, edited);

        // assert
        assertThat(edit.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.CHECKOUT_CHANGED);
            assertThat(c.line()).isEqualTo(2);
            assertThat(c.message()).startsWith("lb/.gitattributes changed: git applies it to the files under lb/ on"
                    + " checkout");
        });
        assertThat(removal.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.CHECKOUT_CHANGED);
            assertThat(c.line()).isZero();
            assertThat(c.message()).startsWith("lb/.gitattributes removed:");
        });
        assertThat(none.changes()).isEmpty();
    }

    @Test
    void shouldReportAnAttributesFileMovedToAnotherDirectoryWhereItNowAppliesAndWhereItNoLongerDoes()
            throws Exception {
        // arrange: git pairs the two paths as a rename; each directory's files are converted differently now
        String base;
        String moved;
        String renamedAway;
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            base = repo.write("lb/haproxy.cfg", HAPROXY).write("lb/.gitattributes", "*.cfg text eol=crlf\n")
                    .commit("pool");
            repo.delete("lb/.gitattributes");
            moved = repo.write("docs/.gitattributes", "*.cfg text eol=crlf\n").commit("attributes for the docs");
            repo.delete("docs/.gitattributes");
            renamedAway = repo.write("docs/attributes.txt", "*.cfg text eol=crlf\n").commit("kept as a note");
        }

        // act
        DiffResult move = diff(base, moved);
        DiffResult away = diff(moved, renamedAway);

        // assert
        assertThat(move.changes()).extracting(Change::kind, Change::file, Change::message).containsExactly(
                tuple(ChangeKind.CHECKOUT_CHANGED, "docs/.gitattributes",
                        "docs/.gitattributes added: git applies it to the files under docs/ on checkout"
                                + " (working-tree-encoding, eol, text, ident, filters), so what a deploy reads from a"
                                + " checkout can differ from what this diff compares."),
                tuple(ChangeKind.CHECKOUT_CHANGED, "lb/.gitattributes",
                        "lb/.gitattributes removed: git applies it to the files under lb/ on checkout"
                                + " (working-tree-encoding, eol, text, ident, filters), so what a deploy reads from a"
                                + " checkout can differ from what this diff compares."));
        assertThat(away.changes()).extracting(Change::file, Change::after)
                .containsExactly(tuple("docs/.gitattributes", ""));
    }
}
