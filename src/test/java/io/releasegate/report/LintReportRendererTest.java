package io.releasegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.diff.DiffResult;
import io.releasegate.policy.LintFinding;
import io.releasegate.policy.LintReport;
import io.releasegate.policy.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintReportRendererTest {
    @Test
    void shouldKeepEachFindingAndErrorInOneMarkdownTableRow() {
        // arrange: texts with a cell separator and a line break
        LintReport report = new LintReport("a1b2c3", List.of("a|b.cfg"), List.of(new LintFinding(
                LintFinding.Kind.SINGLE_POINT_OF_FAILURE, Risk.HIGH, "a|b.cfg", 7, "web", "",
                "pool web | has one server\nweb-01")), List.of(new DiffResult.ParseError("x.cfg", 3, 1,
                "unknown keyword 'sever'\nin backend web", "files")), Risk.CRITICAL, true, 1);

        // act
        String markdown = LintReportRenderer.markdown(report);

        // assert
        assertThat(markdown.lines().filter(line -> line.startsWith("| ")).toList()).containsExactly(
                "| Risk | Finding | Where | What |",
                "| HIGH | SINGLE_POINT_OF_FAILURE | `a\\|b.cfg:7` | pool web \\| has one server web-01 |",
                "| CRITICAL | CONFIG_UNPARSEABLE | `x.cfg:3` | unknown keyword 'sever' in backend web |");
    }
}
