package io.releasegate.cli;

import io.releasegate.config.ConfigParseException;
import io.releasegate.gate.GateInputs;
import io.releasegate.log.LogSink;
import io.releasegate.log.Redaction;
import io.releasegate.metrics.WatchMetrics;
import io.releasegate.paging.EscalationConfig;
import io.releasegate.paging.EscalationConfigException;
import io.releasegate.paging.Outbox;
import io.releasegate.paging.Secrets;
import io.releasegate.report.ReportFiles;
import io.releasegate.verify.Verifier;
import io.releasegate.watch.CycleReport;
import io.releasegate.watch.Incidents;
import io.releasegate.watch.RepositoryView;
import io.releasegate.watch.VerifyingPoolCheck;
import io.releasegate.watch.WatchPager;
import io.releasegate.watch.WatchSettings;
import io.releasegate.watch.WatchState;
import io.releasegate.watch.Watcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code release-gate watch}: the gate between deploys (docs/watch.md). */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Checks each pool of the policy's watch: section every cycle (distribution, health, drift against "
                + "the revision HEAD points to now, holds), pages a cause after consecutive failing cycles and "
                + "resolves it on recovery, serves Prometheus metrics. Runs until SIGTERM; --once runs one cycle.",
            "Exit codes: 0 all well (or stopped by SIGTERM), 1 attention needed (--once), 2 bad input, "
                    + "3 a page could not be delivered (--once; kept in the outbox)."})
final class WatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
            description = "The configuration repository (default: .).")
    Path repo;

    @Option(names = "--rev", paramLabel = "REF", defaultValue = "HEAD",
            description = "What to check against, resolved again every cycle (default: ${DEFAULT-VALUE}).")
    String rev;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The operator's policy (watch:, escalation:, holds:) instead of .releasegate.yml at --rev.")
    Path config;

    @Option(names = "--pool", paramLabel = "NAME", description = "Watch only these pools of watch.pools (repeatable).")
    List<String> pools = new ArrayList<>();

    @Option(names = "--every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The cycle (default: watch.every, else 60s).")
    Duration every;

    @Option(names = "--fail-after", paramLabel = "N",
            description = "Consecutive failing cycles before a cause pages (default: watch.failAfter, else 2).")
    Integer failAfter;

    @Option(names = "--once", description = "Run one cycle and exit with its code (cron, a Jenkins job).")
    boolean once;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Keep the failing causes and pages in FILE between runs (for --once).")
    Path state;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (e.g. 127.0.0.1:9464).")
    String metrics;

    @Option(names = "--outbox", paramLabel = "FILE", defaultValue = ".releasegate-outbox.jsonl",
            description = "Pages not yet delivered wait here and are resent every cycle (default: ${DEFAULT-VALUE}).")
    Path outbox;

    @Mixin
    SecretOptions secretOptions;

    @Option(names = {"-v", "--verbose"}, description = "Progress on stderr.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LogSink log = new StderrLog(err, verbose);
        Clock clock = Clock.systemUTC();
        Setup setup;
        try {
            setup = setUp(clock, out, log);
        } catch (IllegalArgumentException e) {
            err.println("release-gate watch: " + Redaction.text(e.getMessage()));
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("release-gate watch: " + Redaction.text(e.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        AtomicInteger code = new AtomicInteger(ExitCodes.OK);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            setup.watcher().stop();
            try {
                // the main thread finishes the pool being checked, sends what is queued and writes the state
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(code.get());
        }, "release-gate-watch-stop");
        if (!once) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            CycleReport last = setup.watcher().run(setup.every(), once);
            setup.pager().ifPresent(WatchPager::close);
            setup.metrics().ifPresent(WatchMetrics::close);
            saveState(setup.incidents(), err);
            if (once) {
                int undelivered = setup.pager().map(WatchPager::undelivered).orElse(0);
                code.set(undelivered > 0 ? ExitCodes.UNRECOVERED : last != null && last.allWell() ? ExitCodes.OK
                        : ExitCodes.FAIL);
            }
            out.println("watch: stopped after " + setup.watcher().cycles() + " cycle(s)");
            out.flush();
            return code.get();
        } finally {
            done.countDown();
            if (!once) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // SIGTERM: the hook ends the process with the code set above
                }
            }
        }
    }

    /** Everything a run needs, checked before the first cycle. */
    private record Setup(Watcher watcher, Duration every, Incidents incidents, Optional<WatchPager> pager,
            Optional<WatchMetrics> metrics) {
    }

    private Setup setUp(Clock clock, PrintWriter out, LogSink log) throws IOException {
        RepositoryView view = new RepositoryView(repo, rev, Optional.ofNullable(config), clock);
        RepositoryView.Refresh first = view.refresh();
        RepositoryView.Snapshot snapshot = view.current().orElseThrow(() -> new IllegalArgumentException(
                "--repo " + repo + " --rev " + rev + ": " + first.problem().orElse("cannot be read")));
        VerifyingPoolCheck check = new VerifyingPoolCheck(new Verifier(), clock, event -> {
            out.println("watch: " + event);
            out.flush();
        });
        WatchSettings settings = check.settings(snapshot);
        for (String pool : pools) {
            if (!settings.pools().containsKey(pool)) {
                throw new IllegalArgumentException("--pool " + pool + " is not in watch.pools of "
                        + snapshot.policy().source() + " (" + String.join(", ", settings.pools().keySet()) + ")");
            }
        }
        Duration cycle = every != null ? every : settings.every().orElse(Duration.ofSeconds(60));
        if (cycle.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--every must be at least 1s");
        }
        int after = failAfter != null ? failAfter : settings.failAfter().orElse(2);
        if (after < 1 || after > 100) {
            throw new IllegalArgumentException("--fail-after must be between 1 and 100, was " + after);
        }
        Incidents incidents = new Incidents(after);
        restoreState(incidents);
        Secrets secrets = secretOptions.secrets();
        Optional<WatchPager> pager = Optional.empty();
        if (snapshot.policy().escalation().isPresent()) {
            EscalationConfig escalation;
            try {
                escalation = GateInputs.escalation(snapshot.policy().escalation().get(), secrets);
            } catch (ConfigParseException | EscalationConfigException e) {
                throw new IllegalArgumentException("invalid escalation: section: " + e.getMessage(), e);
            }
            pager = Optional.of(new WatchPager(escalation, secrets, new Outbox(outbox), incidents, clock, log));
        } else {
            log.warn("watch: %s has no escalation: section: failures are reported here and in the metrics, "
                    + "nobody is paged", snapshot.policy().source());
        }
        Optional<WatchMetrics> served = Optional.empty();
        if (metrics != null) {
            served = Optional.of(serve(metrics));
            out.println("watch: metrics at http://" + host(metrics) + ":" + served.get().port() + "/metrics");
        }
        out.println("watch: " + (once ? "one cycle" : "every " + cycle.toSeconds() + " s") + ", paging a cause after "
                + after + " failing cycle(s), against " + rev + " of " + repo + " (" + snapshot.shortSha() + ")");
        out.flush();
        List<String> chosen = List.copyOf(pools);
        Watcher watcher = new Watcher(view, s -> chosen.isEmpty() ? List.copyOf(check.settings(s).pools().keySet())
                : chosen, check, incidents, pager, served, clock, log, line -> {
                    out.println(line);
                    out.flush();
                });
        return new Setup(watcher, cycle, incidents, pager, served);
    }

    private static WatchMetrics serve(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--metrics '" + address + "': expected HOST:PORT, e.g. 127.0.0.1:9464");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--metrics '" + address + "': the port is not a number", e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--metrics '" + address + "': the port must be between 0 and 65535");
        }
        try {
            return new WatchMetrics().serve(host(address), port);
        } catch (IOException e) {
            throw new IOException("--metrics " + address + ": cannot listen there (" + e.getMessage() + ")", e);
        }
    }

    private static String host(String address) {
        String host = address.substring(0, address.lastIndexOf(':'));
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private void restoreState(Incidents incidents) {
        if (state == null) {
            return;
        }
        try {
            WatchState.restore(Files.readString(state, StandardCharsets.UTF_8), incidents);
        } catch (NoSuchFileException e) {
            // the first run
        } catch (IOException e) {
            throw new IllegalArgumentException("--state " + state + ": cannot read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--state " + state + ": " + e.getMessage(), e);
        }
    }

    private void saveState(Incidents incidents, PrintWriter err) {
        if (state == null) {
            return;
        }
        try {
            ReportFiles.write(state, WatchState.toJson(incidents));
        } catch (IOException e) {
            err.println("release-gate watch: cannot write the state file " + state + ": " + e.getMessage());
        }
    }
}
