package io.releasegate.cli;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.read.LocalConfigs;
import io.releasegate.config.FileRules;
import io.releasegate.diff.DiffResult;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryConfigs;
import io.releasegate.diff.RepositoryException;
import io.releasegate.policy.LintReport;
import io.releasegate.policy.Policy;
import io.releasegate.policy.PolicyException;
import io.releasegate.policy.PolicySource;
import io.releasegate.report.LintReportRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code release-gate lint}: static safety checks of the pools at one revision, or of local files. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check the pools at one revision (or the given files) for single points of failure, "
                + "all-backup pools, missing health checks, duplicate servers and all-zero weights.",
            "Exit codes: 0 nothing needs review, 1 findings at or above the review threshold "
                + "(or a file unparseable), 2 bad input."})
final class LintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "git repository (default: .)")
    Path repo;

    @Option(names = "--rev", paramLabel = "REV", defaultValue = "HEAD", description = "revision (default: HEAD)")
    String rev;

    @Option(names = "--config", paramLabel = "FILE",
            description = "policy file (default: .releasegate.yml at the revision, else built-in defaults)")
    Path config;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "local files to check instead of a revision (format by the policy's rules, else by content)")
    List<Path> files = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        LintReport report;
        try {
            report = files.isEmpty() ? atRevision() : localFiles();
        } catch (RepositoryException | PolicyException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("release-gate lint: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        String rendered = switch (output.format) {
            case json -> LintReportRenderer.json(report);
            case markdown -> LintReportRenderer.markdown(report);
            default -> LintReportRenderer.text(report);
        };
        output.emit(rendered, spec.commandLine().getOut());
        return report.reviewRequired() ? ExitCodes.FAIL : ExitCodes.OK;
    }

    private LintReport atRevision() throws RepositoryException, PolicyException {
        try (GitRepository repository = GitRepository.open(repo)) {
            Policy policy = PolicySource.load(repository, rev, Optional.ofNullable(config));
            RepositoryConfigs.Snapshot snapshot = RepositoryConfigs.at(repository, rev, FileRules.of(policy.files()));
            return LintReport.of(snapshot.revision(), snapshot.files(), snapshot.errors(), policy);
        }
    }

    private LintReport localFiles() throws PolicyException, IOException {
        Policy policy = config == null ? Policy.defaults() : PolicySource.fromFile(config);
        List<DiffResult.ParseError> errors = new ArrayList<>();
        LocalConfigs.Result result = LocalConfigs.read(files, FileRules.of(policy.files()));
        for (ConfigParseException e : result.errors()) {
            errors.add(new DiffResult.ParseError(e.file(), e.line(), e.column(), e.reason(), "files"));
        }
        return LintReport.of("files", result.files(), errors, policy);
    }
}
