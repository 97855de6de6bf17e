package io.releasegate.cli;

import io.releasegate.drill.DrillOptions;
import io.releasegate.drill.DrillResult;
import io.releasegate.drill.DrillRun;
import io.releasegate.drill.DrillScenarios;
import io.releasegate.report.DrillReport;
import java.io.IOException;
import java.util.Comparator;
import java.util.stream.Stream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code release-gate drill [NAME]}: the incident and its cousins, reproduced on loopback in one command. */
@Command(name = "drill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduces the incident on 127.0.0.1 with nothing installed but Java: backends web-01 and "
                + "web-02, a load balancer, a git repository and a PagerDuty Events v2 endpoint. Without a NAME it "
                + "commits the change that drops web-02 and runs the whole gate on it (removed-server); --list shows "
                + "the other scenarios.",
            "Exit codes: 0 the gate (or the watch) caught it, 1 it did not, 2 bad input or a piece could not start."})
final class DrillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Parameters(paramLabel = "NAME", arity = "0..1",
            description = "The scenario (default: removed-server); see --list.")
    String scenario;

    @Option(names = "--list", description = "List the scenarios and exit.")
    boolean list;

    @Option(names = "--lb", defaultValue = "embedded", paramLabel = "KIND",
            description = "embedded (default), haproxy or nginx (the real binary, when installed).")
    String lb;

    @Option(names = "--keep", description = "Leave the pieces running for exploration until Ctrl-C (at most "
            + "--keep-minutes).")
    boolean keep;

    @Option(names = "--keep-minutes", defaultValue = "60", paramLabel = "M",
            description = "Upper bound for --keep (default: ${DEFAULT-VALUE}).")
    long keepMinutes;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Where to write the HTML report (default: release-gate-drill-report.html, or "
                    + "release-gate-drill-NAME-report.html for a named scenario, in the "
                    + "temporary directory, replaced by each run).")
    Path html;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json.")
    String format;

    @Option(names = {"-v", "--verbose"}, description = "Progress on stderr.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (DrillScenarios.Entry entry : DrillScenarios.list()) {
                out.println(String.format(java.util.Locale.ROOT, "  %-21s %s", entry.name(), entry.summary()));
            }
            out.println("Run one: release-gate drill NAME (without a name: " + DrillScenarios.MAIN + ")");
            out.flush();
            return ExitCodes.OK;
        }
        DrillOptions options;
        DrillRun drill;
        try {
            if (!format.equals("text") && !format.equals("json")) {
                throw new IllegalArgumentException("--format must be text or json, was '" + format + "'");
            }
            if (keepMinutes < 1 || keepMinutes > 24 * 60) {
                throw new IllegalArgumentException("--keep-minutes must be between 1 and 1440");
            }
            options = new DrillOptions(DrillOptions.Balancer.parse(lb),
                    Files.createTempDirectory("release-gate-drill"), DrillOptions.DEFAULT_RATE);
        } catch (IllegalArgumentException e) {
            err.println("release-gate drill: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try {
            drill = DrillScenarios.start(scenario, options, new StderrLog(err, verbose));
        } catch (IllegalArgumentException e) {
            err.println("release-gate drill: " + e.getMessage());
            deleteWorkDir(options.workDir(), err);
            return ExitCodes.BAD_INPUT;
        }
        try {
            DrillResult result;
            try {
                result = drill.run();
            } catch (IOException e) {
                err.println("release-gate drill: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            Path report = html != null ? html
                    : Path.of(System.getProperty("java.io.tmpdir"), scenario == null ? "release-gate-drill-report.html"
                            : "release-gate-drill-" + result.scenario() + "-report.html");
            DrillReport.html(result, report);
            out.print(format.equals("json") ? DrillReport.json(result, report) : DrillReport.text(result)
                    + "HTML report: " + report.toAbsolutePath() + "\n");
            out.flush();
            if (keep) {
                explore(drill, out);
            }
            return result.exitCode();
        } finally {
            drill.close();
            deleteWorkDir(options.workDir(), err);
        }
    }

    /** The drill's repository, outbox and LB files are scratch: nothing of a run is left behind but the report. */
    private static void deleteWorkDir(Path workDir, PrintWriter err) {
        try (Stream<Path> paths = Files.walk(workDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            err.println("release-gate drill: could not remove " + workDir + ": " + e.getMessage());
        }
    }

    private void explore(DrillRun drill, PrintWriter out) {
        out.println("\nThe pieces keep running (Ctrl-C to stop, at most " + keepMinutes + " min):");
        drill.endpoints().forEach((name, address) -> out.println("  " + name + ": " + address));
        out.println("  try: curl -si " + drill.endpoints().get("load balancer"));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            drill.close();
            stopped.countDown();
        }, "release-gate-drill-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await(Duration.ofMinutes(keepMinutes).toMillis(), TimeUnit.MILLISECONDS);
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook stops the pieces
        }
    }
}
