package io.releasegate.cli;

import io.releasegate.diff.RepositoryException;
import io.releasegate.log.Redaction;
import io.releasegate.policy.ChangeReport;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.policy.PolicyException;
import io.releasegate.report.ChangeReportJson;
import io.releasegate.report.ChangeReportText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code release-gate diff}: what a change between two revisions does to the load-balancer pools. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Diff load-balancer config between two git revisions and say in words what changed.",
            "Exit codes: 0 nothing needs review, 1 review required (or head unparseable), 2 bad input."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "git repository (default: .)")
    Path repo;

    @Option(names = "--base", paramLabel = "REV", required = true, description = "base revision")
    String base;

    @Option(names = "--head", paramLabel = "REV", defaultValue = "HEAD", description = "head revision (default: HEAD)")
    String head;

    @Option(names = "--config", paramLabel = "FILE",
            description = "operator's policy file (default: .releasegate.yml at the base revision, else built-in "
                    + "defaults; never the change's own)")
    Path config;

    @Option(names = "--patch", description = "include the unified diff of the load-balancer files (json, markdown)")
    boolean patch;

    @Option(names = {"-v", "--verbose"}, description = "progress on stderr")
    boolean verbose;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        ChangeReport report;
        try {
            report = ChangeAssessment.assess(repo, base, head, Optional.ofNullable(config), patch,
                    new StderrLog(spec.commandLine().getErr(), verbose));
        } catch (RepositoryException | PolicyException e) {
            spec.commandLine().getErr().println("release-gate diff: " + Redaction.text(e.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        String rendered = switch (output.format) {
            case json -> ChangeReportJson.write(report);
            case markdown -> ChangeReportText.markdown(report) + (patch && !report.diff().patch().isEmpty()
                    ? "\n```diff\n" + report.diff().patch() + "```\n" : "");
            default -> ChangeReportText.text(report);
        };
        output.emit(rendered, spec.commandLine().getOut());
        boolean headUnparseable = report.diff().errors().stream().anyMatch(e -> "head".equals(e.revision()));
        return report.reviewRequired() || headUnparseable ? ExitCodes.FAIL : ExitCodes.OK;
    }
}
