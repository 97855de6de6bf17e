package io.releasegate.cli;

import io.releasegate.log.LogSink;
import io.releasegate.config.read.TextFile;
import io.releasegate.log.Redaction;
import io.releasegate.paging.Attempt;
import io.releasegate.paging.Escalation;
import io.releasegate.paging.EscalationConfig;
import io.releasegate.paging.EscalationConfigException;
import io.releasegate.paging.FlushResult;
import io.releasegate.paging.Outbox;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.paging.Paging;
import io.releasegate.paging.Secrets;
import io.releasegate.paging.Severity;
import io.releasegate.paging.Sleeper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code release-gate page}: sends a page through the escalation chain by hand, or flushes the outbox. */
@Command(name = "page", mixinStandardHelpOptions = true,
        description = {"Sends a page to a contact (or the whole escalation chain) of .releasegate.yml, or resends"
                + " the undelivered pages of an outbox.",
                "Exit codes: 0 delivered, 1 delivered but unreadable outbox lines were quarantined, 2 bad input (also a"
                        + " missing --flush file), 3 undelivered (kept in the outbox)."})
public final class PageCommand implements Callable<Integer> {
    /** The largest --config file read. */
    private static final long MAX_CONFIG_BYTES = 1_000_000;
    private static final DateTimeFormatter MANUAL_KEY = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--contact", paramLabel = "NAME",
            description = "Contact of escalation.contacts to page (default: the whole chain, in order).")
    String contact;

    @Option(names = "--summary", paramLabel = "TEXT", description = "What happened (at most 1024 characters).")
    String summary;

    @Option(names = "--severity", paramLabel = "LEVEL", defaultValue = "critical",
            description = "critical, error, warning or info (default: ${DEFAULT-VALUE}).")
    String severity;

    @Option(names = "--source", paramLabel = "TEXT", defaultValue = "release-gate",
            description = "The affected system (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--dedup-key", paramLabel = "KEY",
            description = "Dedup key (default for a trigger: release-gate/manual/<time>); required with --resolve.")
    String dedupKey;

    @Option(names = "--resolve", description = "Resolve the alert with --dedup-key instead of triggering one.")
    boolean resolve;

    @Option(names = "--detail", paramLabel = "KEY=VALUE", description = "Custom detail (repeatable).")
    Map<String, String> details;

    @Option(names = "--link", paramLabel = "URL", description = "Link to attach (repeatable).")
    List<String> links;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = ".releasegate.yml",
            description = "Configuration with the escalation: section (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--outbox", paramLabel = "FILE", defaultValue = ".releasegate-outbox.jsonl",
            description = "Where undelivered pages are kept (default: ${DEFAULT-VALUE}).")
    Path outbox;

    @Option(names = "--flush", paramLabel = "OUTBOX", description = "Resend the undelivered pages of OUTBOX.")
    Path flush;

    @Mixin
    SecretOptions secretOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LogSink log = new StderrLog(err, true);
        if (flush != null && !Files.isRegularFile(flush)) {
            err.println("release-gate page: --flush " + flush + ": " + (Files.isDirectory(flush) ? "is a directory, "
                    + "not an outbox file" : Files.exists(flush) ? "not a regular file, so not an outbox file"
                    : "no such outbox file"));
            return ExitCodes.BAD_INPUT;
        }
        EscalationConfig escalation;
        Secrets secrets;
        try {
            secrets = secretOptions.secrets();
            // read as a regular text file of bounded size (a FIFO would block, a device never end)
            escalation = Files.exists(config) ? EscalationConfig.fromYaml(config.toString(), TextFile.read(config,
                    config.toString(), MAX_CONFIG_BYTES), secrets) : EscalationConfig.fromYaml(config, secrets);
        } catch (EscalationConfigException | IllegalArgumentException e) {
            err.println("release-gate page: " + Redaction.text(e.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        try {
            return flush == null ? send(escalation, secrets, out, log) : flush(escalation, secrets, out, err, log);
        } catch (IllegalArgumentException e) {
            err.println("release-gate page: " + Redaction.text(e.getMessage()));
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("release-gate page: outbox: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    private int send(EscalationConfig escalation, Secrets secrets, PrintWriter out, LogSink log) {
        Page page = page();
        List<String> chain = contact == null ? escalation.chain() : List.of(contact);
        Paging paging = new Paging(escalation(escalation, chain, secrets, log), new Outbox(outbox), log);
        PageResult result = paging.send(page);
        print(out, result);
        if (!result.delivered()) {
            out.println("undelivered: kept in " + outbox.toAbsolutePath() + "; resend with: release-gate page"
                    + " --flush " + outbox + " --config " + config + secretOptions.asArguments());
            return ExitCodes.UNRECOVERED;
        }
        return ExitCodes.OK;
    }

    private int flush(EscalationConfig escalation, Secrets secrets, PrintWriter out, PrintWriter err, LogSink log)
            throws IOException {
        FlushResult result = new Outbox(flush).flush(entry -> escalation(escalation, escalation.chainFor(entry),
                secrets, log).page(entry.page()));
        result.results().forEach(pageResult -> print(out, pageResult));
        result.quarantined().forEach(line -> err.println("release-gate page: " + flush + " " + line
                + ": moved to " + result.quarantineFile()));
        out.println(result.results().stream().filter(PageResult::delivered).count() + " resent, "
                + result.stillUndelivered() + " still undelivered in " + flush + (result.quarantined().isEmpty() ? ""
                        : ", " + result.quarantined().size() + " unreadable " + (result.quarantined().size() == 1
                                ? "line" : "lines") + " quarantined in " + result.quarantineFile()));
        return !result.allDelivered() ? ExitCodes.UNRECOVERED
                : result.quarantined().isEmpty() ? ExitCodes.OK : ExitCodes.FAIL;
    }

    private static Escalation escalation(EscalationConfig config, List<String> chain, Secrets secrets,
            LogSink log) {
        return config.escalation(chain, secrets, Clock.systemUTC(), Sleeper.SYSTEM, new SplittableRandom(), log);
    }

    private Page page() {
        Instant now = Instant.now();
        if (resolve) {
            if (dedupKey == null) {
                throw new IllegalArgumentException("--resolve needs --dedup-key (the key of the trigger)");
            }
            return Page.resolve(dedupKey, source, now);
        }
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("--summary is required to trigger a page");
        }
        Page.Builder builder = Page.trigger(dedupKey == null ? "release-gate/manual/" + MANUAL_KEY.format(now)
                : dedupKey, summary).severity(Severity.parse(severity)).source(source).timestamp(now);
        if (details != null) {
            details.forEach(builder::detail);
        }
        if (links != null) {
            links.forEach(link -> builder.link(link, ""));
        }
        return builder.build();
    }

    private static void print(PrintWriter out, PageResult result) {
        for (Attempt attempt : result.attempts()) {
            out.println("  attempt " + attempt.describe());
        }
        out.println((result.delivered() ? "delivered " : "UNDELIVERED ") + result.page().action().wire() + " "
                + result.page().dedupKey() + ": " + result.reason());
    }
}
