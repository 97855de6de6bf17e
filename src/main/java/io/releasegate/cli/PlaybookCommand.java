package io.releasegate.cli;

import io.releasegate.gate.GateInputException;
import io.releasegate.gate.GateInputs;
import io.releasegate.report.PlaybookMarkdown;
import io.releasegate.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code release-gate playbook}: the incident playbook, generated from the configuration. */
@Command(name = "playbook", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a Markdown incident playbook generated from the configuration: the pool, who is paged"
                + " in which order and through what, what each page contains, how to check the pool, how to roll back"
                + " by hand and how to restore HAProxy state.",
            "Exit codes: 0 written, 2 bad input."})
final class PlaybookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Policy file (default: .releasegate.yml at --rev of --repo).")
    Path config;

    @Option(names = "--repo", defaultValue = ".", paramLabel = "DIR",
            description = "Git repository with the load-balancer configuration (default: .).")
    Path repo;

    @Option(names = "--rev", defaultValue = "HEAD", paramLabel = "REV",
            description = "Revision whose pool is described (default: ${DEFAULT-VALUE}).")
    String rev;

    @Option(names = "--gate", paramLabel = "NAME",
            description = "The gate's name as in `run --gate` (default: the repository directory's name).")
    String gate;

    @Option(names = "--rollback", paramLabel = "CMD", description = "The rollback command given to `run --rollback`.")
    String rollback;

    @Option(names = "--haproxy-socket", paramLabel = "PATH",
            description = "HAProxy runtime API socket (default: verify.haproxySocket).")
    String socket;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the playbook to FILE (atomically).")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        GateInputs inputs;
        try {
            inputs = GateInputs.read(repo, rev, rev, Optional.ofNullable(config));
        } catch (GateInputException e) {
            err.println("release-gate playbook: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        String source = (config != null ? "`" + config + "`" : "`.releasegate.yml` at `" + rev + "`")
                + " and the load-balancer configuration of `" + repo + "` at `" + rev + "`";
        String markdown = PlaybookMarkdown.render(new PlaybookMarkdown.Input(inputs, source,
                gate != null ? gate : RunCommand.gateName(repo), rollback, socket));
        if (output == null) {
            spec.commandLine().getOut().print(markdown);
            spec.commandLine().getOut().flush();
        } else {
            ReportFiles.write(output, markdown);
        }
        return ExitCodes.OK;
    }
}
