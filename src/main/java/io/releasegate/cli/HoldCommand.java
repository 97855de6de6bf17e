package io.releasegate.cli;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.config.YamlNode;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryException;
import io.releasegate.hold.Hold;
import io.releasegate.hold.HoldTimes;
import io.releasegate.hold.Holds;
import io.releasegate.hold.HoldsFile;
import io.releasegate.live.AdminState;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.live.LiveStateException;
import io.releasegate.policy.DeclaredHolds;
import io.releasegate.policy.DeclaredPools;
import io.releasegate.policy.Policy;
import io.releasegate.policy.PolicyException;
import io.releasegate.policy.PolicySource;
import io.releasegate.report.Json;
import io.releasegate.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code release-gate hold add|list|release}: planned exceptions that expire, in {@code .releasegate/holds.yml} of
 * the configuration repository's work tree. The commands write the file (atomically); the operator commits it and
 * the change is reviewed like any other (HOLD_ADDED, HOLD_EXTENDED, HOLD_REMOVED). {@code verify} and
 * {@code watch} read holds from committed revisions.
 */
@Command(name = "hold", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Planned exceptions that expire: 'web/web-02 is out until 18:00 for a load test, owner alice'.",
            "Writes .releasegate/holds.yml in the work tree of --repo; commit it (it is reviewed like any change).",
            "Exit codes: 0 done, 1 attention needed (an expired hold, or the runtime API refused), 2 bad input."},
        subcommands = {HoldCommand.Add.class, HoldCommand.ListHolds.class, HoldCommand.Release.class})
final class HoldCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --socket} and {@code --timeout}: the HAProxy runtime API that add and release act on. */
    static final class RuntimeApi {
        @Option(names = "--socket", paramLabel = "PATH",
                description = "HAProxy runtime API socket: add puts the servers into MAINT, release puts them back to "
                        + "READY with the weight declared at HEAD.")
        Path socket;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
                description = "Per runtime API command (default ${DEFAULT-VALUE}).")
        Duration timeout;

        HaproxyRuntime runtime() {
            return new HaproxyRuntime(socket, timeout);
        }
    }

    /** Options every subcommand shares. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
                description = "The configuration repository (default: .).")
        Path repo;

        @Option(names = "--config", paramLabel = "FILE",
                description = "Operator's policy file (default: .releasegate.yml at HEAD, else built-in defaults): "
                        + "holds.maxDuration caps a hold, escalation.contacts names the contacts.")
        Path config;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                return run(spec.commandLine().getOut(), err);
            } catch (IllegalArgumentException e) {
                err.println("release-gate hold " + spec.name() + ": " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
        }

        abstract int run(PrintWriter out, PrintWriter err);

        /** The judging policy: {@code --config}, else {@code .releasegate.yml} at HEAD, else the defaults. */
        Policy policy(GitRepository git) {
            try {
                if (config != null) {
                    return PolicySource.fromFile(config);
                }
                return hasHead(git) ? PolicySource.load(git, "HEAD", Optional.empty()) : Policy.defaults();
            } catch (PolicyException | RepositoryException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        static boolean hasHead(GitRepository git) {
            try {
                git.resolve("HEAD");
                return true;
            } catch (RepositoryException e) {
                return false;
            }
        }

        GitRepository open() {
            try {
                return GitRepository.open(repo);
            } catch (RepositoryException e) {
                throw new IllegalArgumentException("--repo " + repo + ": " + e.getMessage(), e);
            }
        }

        Path holdsFile(GitRepository git) {
            Path root = git.workTree().orElseThrow(() -> new IllegalArgumentException("--repo " + repo
                    + " is a bare repository: holds are written in a work tree"));
            Path file = root.resolve(HoldsFile.PATH);
            // the repository is anyone's: a committed link (.releasegate -> /etc) must not make the operator's
            // command read or write a file outside it
            for (Path part = file; part != null && part.startsWith(root) && !part.equals(root);
                    part = part.getParent()) {
                if (Files.isSymbolicLink(part)) {
                    throw new IllegalArgumentException(root.relativize(part) + " in " + root + " is a symbolic link: "
                            + "holds are read and written in the repository only, never through a link");
                }
            }
            return file;
        }

        Holds workTreeHolds(Path file, Policy policy) {
            return DeclaredHolds.inFile(file, policy.holds().maxDuration(), clock.instant(), true);
        }

        void write(Path file, Holds holds) {
            try {
                ReportFiles.write(file, HoldsFile.render(holds));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        static String[] target(String text) {
            String[] parts = text.split("/", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("'" + text + "' is not POOL/SERVER (e.g. web/web-02)");
            }
            return parts;
        }
    }

    /** {@code hold add web/web-02 --for 2h --reason "load test"}. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Adds (or extends) a hold: the servers may be out of their pool until now + --for.",
                "With --socket also puts them into MAINT through the HAProxy runtime API."})
    static final class Add extends Base {
        @Parameters(paramLabel = "POOL/SERVER", arity = "1..*", description = "What is held, e.g. web/web-02.")
        List<String> targets = new ArrayList<>();

        @Option(names = "--for", paramLabel = "DURATION", required = true, converter = DurationConverter.class,
                description = "How long (e.g. 90m, 2h); at most the policy's holds.maxDuration (default 24h).")
        Duration length;

        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why, in words.")
        String reason;

        @Option(names = "--owner", paramLabel = "NAME",
                description = "Who answers for it (default: the user running the command).")
        String owner;

        @Option(names = "--contact", paramLabel = "NAME",
                description = "The escalation contact that reaches the owner (one of escalation.contacts).")
        String contact;

        @Mixin
        RuntimeApi runtimeApi;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            try (GitRepository git = open()) {
                Policy policy = policy(git);
                Duration max = policy.holds().maxDuration();
                if (length.isZero() || length.isNegative()) {
                    throw new IllegalArgumentException("--for must be positive");
                }
                if (length.compareTo(max) > 0) {
                    throw new IllegalArgumentException("--for " + HoldTimes.duration(length) + " is longer than "
                            + "holds.maxDuration " + HoldTimes.duration(max) + " of policy " + policy.source());
                }
                String who = owner != null ? owner : System.getProperty("user.name", "");
                if (contact != null) {
                    requireContact(policy, contact);
                }
                Path file = holdsFile(git);
                Holds holds = workTreeHolds(file, policy);
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                List<Hold> added = new ArrayList<>();
                for (String text : targets) {
                    String[] target = target(text);
                    Hold hold = new Hold(target[0], target[1], now, now.plus(length), reason, who,
                            contact == null ? "" : contact, HoldsFile.PATH, 0);
                    boolean extended = holds.of(target[0], target[1]).isPresent();
                    holds = holds.with(hold);
                    added.add(hold);
                    out.println((extended ? "hold extended: " : "hold added: ") + hold.target() + " may be out until "
                            + hold.until() + " (" + HoldTimes.duration(length) + ", " + hold.byWhom()
                            + (hold.contact().isEmpty() ? "" : ", contact " + hold.contact()) + ")");
                }
                // the file is checked as the diff and watch will read it before anything is written
                HoldsFile.parse(file.toString(), HoldsFile.render(holds), max, clock.instant());
                write(file, holds);
                out.println("wrote " + file + ": commit it; the diff reviews it, and verify and watch read holds "
                        + "from the committed revision");
                return runtimeApi.socket == null ? ExitCodes.OK : maintenance(added, out, err);
            } catch (ConfigParseException e) {
                throw new IllegalArgumentException("invalid holds " + e.getMessage(), e);
            }
        }

        private int maintenance(List<Hold> holds, PrintWriter out, PrintWriter err) {
            HaproxyRuntime runtime = runtimeApi.runtime();
            int code = ExitCodes.OK;
            for (Hold hold : holds) {
                try {
                    runtime.setState(hold.pool(), hold.server(), AdminState.MAINT);
                    out.println(hold.target() + ": MAINT (set server " + hold.target() + " state maint)");
                } catch (LiveStateException e) {
                    err.println("release-gate hold add: " + hold.target() + " is held but NOT in MAINT: "
                            + e.getMessage());
                    code = ExitCodes.FAIL;
                }
            }
            return code;
        }

        private static void requireContact(Policy policy, String name) {
            List<String> known = new ArrayList<>();
            try {
                if (policy.escalation().isPresent()) {
                    Optional<YamlNode> contacts = policy.escalation().get().get("contacts");
                    if (contacts.isPresent()) {
                        known.addAll(contacts.get().entries().keySet());
                    }
                }
            } catch (ConfigParseException e) {
                throw new IllegalArgumentException("invalid policy " + e.getMessage(), e);
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--contact " + name + " is not a contact of escalation.contacts in "
                        + policy.source() + " (known: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
        }
    }

    /** {@code hold list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Shows the active and the expired holds (exit 1 when one has expired).",
                "Reads the work tree's .releasegate/holds.yml, or with --rev the file at a revision."})
    static final class ListHolds extends Base {
        @Option(names = "--rev", paramLabel = "REV", description = "Read the holds at this revision instead.")
        String rev;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text or json (default ${DEFAULT-VALUE}).")
        String format;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            if (!format.equals("text") && !format.equals("json")) {
                throw new IllegalArgumentException("--format must be text or json, was '" + format + "'");
            }
            Holds holds;
            String where;
            try (GitRepository git = open()) {
                if (rev != null) {
                    holds = DeclaredHolds.atRevision(repo, rev, Optional.ofNullable(config));
                    where = HoldsFile.PATH + " at " + rev;
                } else {
                    Path file = holdsFile(git);
                    holds = workTreeHolds(file, policy(git));
                    where = file.toString();
                }
            }
            Instant now = clock.instant();
            if (format.equals("json")) {
                out.print(Json.write(json(holds, where, now)));
            } else {
                text(out, holds, where, now);
            }
            out.flush();
            return holds.expiredAt(now).isEmpty() ? ExitCodes.OK : ExitCodes.FAIL;
        }

        private static void text(PrintWriter out, Holds holds, String where, Instant now) {
            out.println("holds in " + where + " at " + now.truncatedTo(ChronoUnit.SECONDS) + ": "
                    + holds.activeAt(now).size() + " active, " + holds.expiredAt(now).size() + " expired");
            if (holds.isEmpty()) {
                return;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"POOL/SERVER", "STATE", "UNTIL", "LEFT", "OWNER", "CONTACT", "REASON"});
            for (Hold hold : holds.holds()) {
                boolean active = !hold.expiredAt(now);
                rows.add(new String[] {hold.target(), state(hold, now), hold.until().toString(),
                    (active ? "" : "-") + HoldTimes.duration(hold.remaining(now)), hold.owner(),
                    hold.contact().isEmpty() ? "-" : hold.contact(), hold.reason()});
            }
            int[] widths = new int[rows.get(0).length];
            rows.forEach(row -> {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            });
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder(" ");
                for (int i = 0; i < row.length; i++) {
                    line.append(' ').append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
                }
                out.println(line.toString().stripTrailing());
            }
            for (Hold hold : holds.expiredAt(now)) {
                out.println("expired: " + hold.server() + " was due back in pool " + hold.pool() + " at "
                        + HoldTimes.clock(hold.until(), now) + " (" + hold.byWhom() + "); once it is back: "
                        + "release-gate hold release " + hold.target());
            }
        }

        /** active, EXPIRED, or NOT-STARTED for a hold whose {@code since} lies ahead (it covers nothing yet). */
        private static String state(Hold hold, Instant now) {
            return hold.pendingAt(now) ? "NOT-STARTED" : hold.activeAt(now) ? "active" : "EXPIRED";
        }

        private static Map<String, Object> json(Holds holds, String where, Instant now) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("file", where);
            root.put("now", now.truncatedTo(ChronoUnit.SECONDS).toString());
            List<Map<String, Object>> list = new ArrayList<>();
            for (Hold hold : holds.holds()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("pool", hold.pool());
                item.put("server", hold.server());
                item.put("state", state(hold, now).toLowerCase(Locale.ROOT));
                item.put("since", hold.since().toString());
                item.put("until", hold.until().toString());
                item.put("secondsLeft", hold.remaining(now).getSeconds());
                item.put("owner", hold.owner());
                item.put("contact", hold.contact());
                item.put("reason", hold.reason());
                item.put("line", hold.line());
                list.add(item);
            }
            root.put("holds", list);
            return root;
        }
    }

    /** {@code hold release web/web-02}. */
    @Command(name = "release", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Ends a hold: removes it from .releasegate/holds.yml.",
                "With --socket also puts the servers back to READY with the weight declared at HEAD."})
    static final class Release extends Base {
        @Parameters(paramLabel = "POOL/SERVER", arity = "1..*", description = "The held servers, e.g. web/web-02.")
        List<String> targets = new ArrayList<>();

        @Mixin
        RuntimeApi runtimeApi;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            List<String[]> released = new ArrayList<>();
            try (GitRepository git = open()) {
                Path file = holdsFile(git);
                Holds holds = workTreeHolds(file, policy(git));
                for (String text : targets) {
                    String[] target = target(text);
                    Hold hold = holds.of(target[0], target[1]).orElseThrow(() -> new IllegalArgumentException(
                            "no hold on " + text + " in " + file));
                    holds = holds.without(target[0], target[1]);
                    released.add(target);
                    out.println("hold released: " + hold.target() + " (was until " + hold.until() + ", "
                            + hold.byWhom() + ")");
                }
                write(file, holds);
                out.println("wrote " + file + ": commit it");
            }
            return runtimeApi.socket == null ? ExitCodes.OK : putBack(released, out, err);
        }

        private int putBack(List<String[]> targets, PrintWriter out, PrintWriter err) {
            HaproxyRuntime runtime = runtimeApi.runtime();
            int code = ExitCodes.OK;
            for (String[] target : targets) {
                String name = target[0] + "/" + target[1];
                Pool pool = DeclaredPools.atRevision(repo, "HEAD", Optional.ofNullable(config), target[0]);
                Optional<Server> server = pool.server(target[1]);
                if (server.isEmpty() || server.get().disabled()) {
                    err.println("release-gate hold release: " + name + " is " + (server.isEmpty() ? "not declared"
                            : "declared disabled") + " in " + pool.file() + " at HEAD: left as it is on the load "
                            + "balancer");
                    code = ExitCodes.FAIL;
                    continue;
                }
                try {
                    runtime.setState(target[0], target[1], AdminState.READY);
                    runtime.setWeight(target[0], target[1], server.get().weight());
                    out.println(name + ": READY, weight " + server.get().weight() + " as declared in " + pool.file()
                            + (server.get().line() > 0 ? ":" + server.get().line() : ""));
                } catch (LiveStateException | IllegalArgumentException e) {
                    err.println("release-gate hold release: " + name + " could not be put back: " + e.getMessage());
                    code = ExitCodes.FAIL;
                }
            }
            return code;
        }
    }
}
