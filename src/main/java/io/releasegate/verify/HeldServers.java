package io.releasegate.verify;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.hold.Hold;
import io.releasegate.hold.HoldTimes;
import io.releasegate.hold.Holds;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.drift.DriftReport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What the holds of a pool change in its expectation (docs/watch.md, "Holds in every check"):
 * <ul>
 *   <li>a server under a hold is expected to be out until the hold ends: it is left out of the expected pool, its
 *       drift (MAINT, absent, weight 0, ...) is PASS "out of pool web as planned until 18:00", responses from it are
 *       no surprise, and its health is not required;</li>
 *   <li>the first check after the hold ended FAILs (check {@code hold}) when the server is still out, by the
 *       configuration, the live state or the traffic: "web-02 was due back at 18:00 (hold by alice: load test) and is
 *       still out of pool web";</li>
 *   <li>each hold adds one {@code hold} result saying so.</li>
 * </ul>
 * The drift part needs the live servers and runs inside the drift check ({@link #drift(DriftReport)}); the rest
 * adjusts the classified checks before the judge ({@link #apply}).
 */
public final class HeldServers implements UnaryOperator<List<CheckResult>> {
    /** The check name of hold results. */
    public static final String CHECK = "hold";

    private final Pool declared;
    private final List<Hold> holds;
    private final Clock clock;

    /**
     * The holds of {@code holds} on servers of {@code declared}, judged at the clock's time. A hold that has yet to
     * start is not in force: its server is expected in the pool.
     */
    public HeldServers(Pool declared, Holds holds, Clock clock) {
        this.declared = declared;
        Instant now = clock.instant();
        this.holds = holds.forPool(declared.name()).stream().filter(hold -> !hold.pendingAt(now)).toList();
        this.clock = clock;
    }

    /** No holds: the expectation is the declared pool. */
    public static HeldServers none(Pool declared) {
        return new HeldServers(declared, Holds.none(""), Clock.systemUTC());
    }

    public boolean isEmpty() {
        return holds.isEmpty();
    }

    /** The holds on this pool. */
    public List<Hold> holds() {
        return holds;
    }

    /** The servers under a hold now. */
    public Set<String> heldNow() {
        Instant now = clock.instant();
        Set<String> names = new TreeSet<>();
        holds.stream().filter(h -> h.activeAt(now)).forEach(h -> names.add(h.server()));
        return names;
    }

    /**
     * The declared servers that take traffic, less those under a hold now.
     *
     * @throws IllegalArgumentException when every one of them is held (nothing to verify until a hold ends)
     */
    public ExpectedPool expected() {
        return expected(ExpectedPool.fromPool(declared));
    }

    /**
     * {@code all} less the servers under a hold now.
     *
     * @throws IllegalArgumentException when every one of them is held (nothing to verify until a hold ends)
     */
    public ExpectedPool expected(ExpectedPool all) {
        Set<String> held = heldNow();
        List<ExpectedServer> servers = all.servers().stream().filter(s -> !held.contains(s.name())).toList();
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("every server of pool " + declared.name() + " that takes traffic is "
                    + "held (" + String.join(", ", held) + "): nothing to verify until a hold ends");
        }
        return servers.size() == all.servers().size() ? all
                : new ExpectedPool(all.name(), all.algorithm(), servers);
    }

    /** The drift results with holds applied, knowing which servers take traffic live. */
    public List<CheckResult> drift(DriftReport report) {
        Instant now = clock.instant();
        List<CheckResult> results = new ArrayList<>();
        for (CheckResult result : report.results()) {
            Optional<Hold> hold = holdOn(result.subject());
            if (hold.isEmpty() || !result.check().equals(DriftReport.CHECK)) {
                results.add(result);
                continue;
            }
            Hold h = hold.get();
            boolean out = report.live().stream().filter(s -> s.name().equals(h.server())).findFirst()
                    .map(s -> !s.takesTraffic()).orElse(true);
            if (h.activeAt(now)) {
                results.add(result.status() == CheckStatus.FAIL
                        ? CheckResult.pass(DriftReport.CHECK, h.server(), outAsPlanned(h, now) + ": " + result.reason())
                        : result);
            } else if (out && result.status() == CheckStatus.FAIL) {
                results.add(CheckResult.fail(CHECK, h.server(), dueBack(h, now) + ": " + result.reason()));
            } else {
                results.add(result);
            }
        }
        return results;
    }

    /** The classified checks of one verification with the holds applied, hold results first. */
    @Override
    public List<CheckResult> apply(List<CheckResult> checks) {
        if (holds.isEmpty()) {
            return checks;
        }
        Instant now = clock.instant();
        List<CheckResult> holdResults = new ArrayList<>();
        List<CheckResult> others = new ArrayList<>();
        Set<String> dueBackFailed = new TreeSet<>();
        checks.stream().filter(c -> c.check().equals(CHECK) && c.status() == CheckStatus.FAIL)
                .forEach(c -> dueBackFailed.add(c.subject()));
        for (Hold hold : holds) {
            if (hold.expiredAt(now) && !dueBackFailed.contains(hold.server())) {
                notDeclaredIn(hold).ifPresent(why -> {
                    holdResults.add(CheckResult.fail(CHECK, hold.server(), dueBack(hold, now) + ": " + why));
                    dueBackFailed.add(hold.server());
                });
            }
        }
        for (CheckResult check : checks) {
            Optional<Hold> hold = holdOn(check.subject());
            if (hold.isEmpty()) {
                others.add(check);
            } else if (hold.get().activeAt(now)) {
                others.add(whileHeld(check, hold.get(), now));
            } else if (check.check().equals(TrafficChecks.MISSING) && check.status() == CheckStatus.FAIL) {
                if (dueBackFailed.add(hold.get().server())) {
                    holdResults.add(CheckResult.fail(CHECK, check.subject(), dueBack(hold.get(), now) + ": "
                            + check.reason()));
                }
            } else if (check.check().equals(CHECK)) {
                holdResults.add(check);
            } else {
                others.add(check);
            }
        }
        // the zero rule names the server that got nothing: when its hold ended, that is the same cause
        for (var it = others.iterator(); it.hasNext();) {
            CheckResult check = it.next();
            if (check.check().equals(TrafficChecks.DISTRIBUTION) && check.status() == CheckStatus.FAIL) {
                Optional<String> server = dueBackFailed.stream().filter(s -> check.reason().contains(s
                        + " got none of ")).findFirst();
                if (server.isPresent()) {
                    holdResults.add(CheckResult.fail(CHECK, server.get(), check.reason()));
                    it.remove();
                }
            }
        }
        for (Hold hold : holds) {
            if (hold.activeAt(now)) {
                holdResults.add(CheckResult.pass(CHECK, hold.server(), hold.server() + " is held until "
                        + HoldTimes.clock(hold.until(), now) + " (" + hold.byWhom() + "), "
                        + HoldTimes.duration(hold.remaining(now)) + " left: expected out of pool " + hold.pool()
                        + " (" + hold.where() + ")"));
            } else if (!dueBackFailed.contains(hold.server())) {
                holdResults.add(back(hold, checks, now));
            }
        }
        List<CheckResult> result = new ArrayList<>(holdResults);
        result.addAll(others);
        return result;
    }

    /** The verification re-judged with the holds applied (for a result made without {@link #apply}). */
    public VerificationResult judge(VerificationResult result) {
        List<CheckResult> checks = apply(result.checks());
        Judge.Judgement judgement = Judge.judge(checks);
        return new VerificationResult(result.pool(), result.target(), judgement.verdict(), result.tally(),
                result.expected(), result.test(), result.plan(), checks, judgement.reasons(), result.durationMs());
    }

    private CheckResult whileHeld(CheckResult check, Hold hold, Instant now) {
        if (check.check().equals(TrafficChecks.UNEXPECTED) && check.status() == CheckStatus.FAIL) {
            return CheckResult.pass(TrafficChecks.UNEXPECTED, check.subject(), hold.server() + " is held until "
                    + HoldTimes.clock(hold.until(), now) + " (" + hold.byWhom() + ") and still answered: a hold allows "
                    + "a server out, it does not require it (" + check.reason() + ")");
        }
        if (check.check().equals("health") && check.status() != CheckStatus.PASS) {
            return new CheckResult("health", check.subject(), CheckStatus.NO_DATA, "not required while "
                    + hold.server() + " is held until " + HoldTimes.clock(hold.until(), now) + " (" + hold.byWhom()
                    + "): " + check.reason());
        }
        if (check.check().equals(DriftReport.CHECK) && check.status() == CheckStatus.FAIL) {
            return CheckResult.pass(DriftReport.CHECK, check.subject(), outAsPlanned(hold, now) + ": "
                    + check.reason());
        }
        return check;
    }

    /** Why the configuration itself keeps the server out, if it does. */
    private Optional<String> notDeclaredIn(Hold hold) {
        Optional<Server> server = declared.server(hold.server());
        String file = declared.file().isEmpty() ? "the configuration" : declared.file();
        if (server.isEmpty()) {
            return Optional.of("it is not declared in " + file);
        }
        Server s = server.get();
        String where = s.line() > 0 ? file + ":" + s.line() : file;
        if (s.disabled()) {
            return Optional.of("it is declared disabled in " + where);
        }
        if (s.weight() == 0) {
            return Optional.of("it is declared with weight 0 in " + where);
        }
        if (s.backup()) {
            return Optional.of("it is declared as a backup in " + where + " and takes traffic only when every "
                    + "active server is down");
        }
        return Optional.empty();
    }

    private static CheckResult back(Hold hold, List<CheckResult> checks, Instant now) {
        boolean seen = checks.stream().anyMatch(c -> c.subject().equals(hold.server()) && c.status() == CheckStatus.PASS
                && (c.check().equals(TrafficChecks.MISSING) || c.check().equals(DriftReport.CHECK)));
        String ended = "the hold on " + hold.server() + " ended at " + HoldTimes.clock(hold.until(), now) + " ("
                + hold.byWhom() + ")";
        return seen ? CheckResult.pass(CHECK, hold.server(), hold.server() + " is back in pool " + hold.pool()
                        + ": " + ended + "; remove it from " + hold.where())
                : new CheckResult(CHECK, hold.server(), CheckStatus.NO_DATA, ended + "; no traffic or drift check "
                        + "here shows whether it is back");
    }

    private Optional<Hold> holdOn(String server) {
        return holds.stream().filter(h -> h.server().equals(server)).findFirst();
    }

    private static String outAsPlanned(Hold hold, Instant now) {
        return hold.server() + " is out of pool " + hold.pool() + " as planned until "
                + HoldTimes.clock(hold.until(), now) + " (" + hold.byWhom() + ")";
    }

    /** "web-02 was due back at 18:00 (hold by alice: load test) and is still out of pool web". */
    public static String dueBack(Hold hold, Instant now) {
        return hold.server() + " was due back at " + HoldTimes.clock(hold.until(), now) + " (" + hold.byWhom()
                + ") and is still out of pool " + hold.pool();
    }
}
