package io.releasegate.cli;

import io.releasegate.config.ConfigParseException;
import io.releasegate.gate.CommandDeploy;
import io.releasegate.gate.GateInputException;
import io.releasegate.gate.GateInputs;
import io.releasegate.gate.GateRequest;
import io.releasegate.gate.GateRun;
import io.releasegate.gate.GateRunner;
import io.releasegate.log.Redaction;
import io.releasegate.rollback.CommandRollback;
import io.releasegate.rollback.RollbackAction;
import io.releasegate.paging.SecretRules;
import io.releasegate.paging.Secrets;
import io.releasegate.report.GateRunHtml;
import io.releasegate.report.GateRunJson;
import io.releasegate.report.GateRunJunit;
import io.releasegate.report.GateRunText;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.ApprovalsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code release-gate run}: the whole gate outside Jenkins. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole gate: diff and policy, sign-off, deploy, verify (options from the policy's verify:"
                + " section), and on failure roll back, verify again and page the escalation chain.",
            "Exit codes: 0 released and verified, 1 blocked or failed (rolled back and recovered), 2 bad input, "
                + "3 failed and could not recover or page."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "REV", description = "Base revision (what is live now).")
    String base;

    @Option(names = "--head", defaultValue = "HEAD", paramLabel = "REV",
            description = "Head revision to deploy (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--deploy", required = true, paramLabel = "CMD",
            description = "Shell command that deploys head (env RELEASE_GATE_BASE, RELEASE_GATE_HEAD, "
                    + "RELEASE_GATE_POOL; bounded by verify.deployTimeout).")
    String deploy;

    @Option(names = "--rollback", paramLabel = "CMD",
            description = "Shell command that rolls back (same environment; bounded by verify.rollbackTimeout).")
    String rollback;

    @Option(names = "--restore-haproxy", paramLabel = "SOCKET",
            description = "Roll back by restoring the pool declared at base over this HAProxy runtime API socket.")
    Path restoreHaproxy;

    @Option(names = "--approvals", paramLabel = "FILE",
            description = "Approvals file (YAML or JSON, docs/sign-off.md); each decision signed with"
                    + " `release-gate approve`.")
    Path approvals;

    @Option(names = "--allowed-signers", paramLabel = "FILE",
            description = "OpenSSH allowed_signers file with the reviewers' keys (default: .releasegate/allowed_signers"
                    + " at the base revision, read from git).")
    Path allowedSigners;

    @Option(names = "--allow-unsigned-approvals",
            description = "Also count unsigned decisions; the reports then say the approvals were NOT verified.")
    boolean allowUnsignedApprovals;

    @Option(names = "--allow-worktree-changes",
            description = "Deploy even when the work tree is not the reviewed head as committed (another commit "
                    + "checked out, tracked files changed); the gate then warns. By default such a run is blocked "
                    + "before the deploy (exit 1).")
    boolean allowWorkTreeChanges;

    @Option(names = "--repo", defaultValue = ".", paramLabel = "DIR", description = "Git repository (default: .).")
    Path repo;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Operator's policy file (default: .releasegate.yml at the base revision, never the "
                    + "change's own).")
    Path config;

    @Option(names = "--gate", paramLabel = "NAME",
            description = "Name of this gate in the page's dedup key (default: the repository directory's name).")
    String gate;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text or json on stdout (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML.")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
    Path html;

    @Option(names = "--outbox", defaultValue = ".releasegate-outbox.jsonl", paramLabel = "FILE",
            description = "Where undelivered pages are kept for `release-gate page --flush` "
                    + "(default: ${DEFAULT-VALUE}).")
    Path outbox;

    @Option(names = {"-v", "--verbose"}, description = "Progress on stderr.")
    boolean verbose;

    @Mixin
    SecretOptions secretOptions;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        GateRun run;
        try {
            if (!format.equals("text") && !format.equals("json")) {
                throw new IllegalArgumentException("--format must be text or json, was '" + format + "'");
            }
            if (rollback != null && restoreHaproxy != null) {
                throw new IllegalArgumentException("give --rollback or --restore-haproxy, not both");
            }
            List<Approval> given = approvals == null ? List.of() : ApprovalsFile.read(approvals);
            SecretRules rules = secretOptions.rules();
            Secrets secrets = Secrets.fromEnvironment(rules);
            GateInputs inputs = GateInputs.read(repo, base, head, Optional.ofNullable(config), secrets);
            Predicate<String> secretVariables = rules::allowsEnv;
            RollbackAction rollbackAction = rollback == null ? null
                    : new CommandRollback(rollback, inputs.settings().rollbackTimeout()).withholding(secretVariables);
            String name = gate != null ? gate : gateName(repo);
            GateRequest request = new GateRequest(repo, base, head, Optional.ofNullable(config), given, name,
                    new CommandDeploy(deploy, inputs.settings().deployTimeout(), secretVariables), rollbackAction,
                    restoreHaproxy, secrets, outbox, html == null ? null : html.toAbsolutePath().toUri().toString(),
                    allowedSigners, allowUnsignedApprovals, allowWorkTreeChanges);
            run = new GateRunner(new StderrLog(err, verbose)).run(request, inputs);
        } catch (ConfigParseException e) {
            err.println("release-gate run: " + Redaction.text(e.getMessage()));
            return ExitCodes.BAD_INPUT;
        } catch (GateInputException | IllegalArgumentException e) {
            err.println("release-gate run: " + Redaction.text(e.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        try {
            if (junit != null) {
                GateRunJunit.write(run, junit);
            }
            if (html != null) {
                GateRunHtml.write(run, html);
            }
        } catch (IOException e) {
            err.println("release-gate run: cannot write a report: " + e.getMessage());
        }
        out.print(format.equals("json") ? GateRunJson.toJson(run) : GateRunText.render(run));
        out.flush();
        return run.exitCode();
    }

    static String gateName(Path repo) {
        Path name = repo.toAbsolutePath().normalize().getFileName();
        return name == null ? "release-gate" : name.toString();
    }
}
