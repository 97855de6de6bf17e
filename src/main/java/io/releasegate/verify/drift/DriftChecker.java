package io.releasegate.verify.drift;

import io.releasegate.live.AdminState;
import io.releasegate.live.LiveBackend;
import io.releasegate.live.LiveServer;
import io.releasegate.live.LiveStateException;
import io.releasegate.live.LiveStateSource;
import io.releasegate.live.OperationalState;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.verify.check.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares the live load balancer with the pool that git declares (check {@code drift}). Rules, each a FAIL with the
 * reason in words naming the file and line of the declaration:
 * <ul>
 *   <li>a declared server that can take traffic (not disabled) is absent live, or the live backend is missing;</li>
 *   <li>it is in MAINT or DRAIN live (and by whom: runtime API, configuration, tracked server, DNS);</li>
 *   <li>it is DOWN or STOPPING by its health checks ("down: health check failing");</li>
 *   <li>its live weight differs from the declared weight;</li>
 *   <li>its live address differs from a declared IP address and port;</li>
 *   <li>a server declared {@code disabled} takes traffic live;</li>
 *   <li>a live server is not declared at all.</li>
 * </ul>
 * A server without any of these is a PASS. A source that cannot be read is one ERROR with the reason.
 */
public final class DriftChecker {
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9a-fA-F:]*:[0-9a-fA-F:.]*]?");

    private DriftChecker() {
    }

    /** One result per declared server, then one per undeclared live server. */
    public static List<CheckResult> compare(Pool declared, LiveBackend live) {
        List<CheckResult> results = new ArrayList<>();
        for (Server server : declared.servers()) {
            results.add(compareServer(declared, server, live));
        }
        for (LiveServer extra : live.servers()) {
            if (declared.server(extra.name()).isEmpty()) {
                results.add(CheckResult.fail(DriftReport.CHECK, extra.name(), extra.name() + " is on the live load "
                        + "balancer (backend " + live.name() + addressSuffix(extra) + ", " + extra.describe()
                        + ") but not declared in " + fileOf(declared) + ": "
                        + (extra.takesTraffic() ? "it receives traffic that git does not know about"
                                : "git does not know about it")));
            }
        }
        return List.copyOf(results);
    }

    /** Reads {@code declared.name()} from {@code source} and compares; an unreadable source gives one ERROR. */
    public static DriftReport check(Pool declared, LiveStateSource source) {
        try {
            LiveBackend live = source.read(declared.name());
            return new DriftReport(declared.name(), source.describe(), live.servers(), compare(declared, live));
        } catch (LiveStateException e) {
            return new DriftReport(declared.name(), source.describe(), List.of(), List.of(CheckResult.error(
                    DriftReport.CHECK, declared.name(), "cannot read the live state of " + declared.name() + ": "
                            + e.getMessage())));
        }
    }

    private static CheckResult compareServer(Pool pool, Server server, LiveBackend live) {
        String name = server.name();
        String declaredAt = name + " is declared in " + where(pool, server);
        if (!live.exists()) {
            return server.disabled()
                    ? CheckResult.pass(DriftReport.CHECK, name, declaredAt + " as disabled and the live load balancer "
                            + "has no backend " + live.name())
                    : CheckResult.fail(DriftReport.CHECK, name, declaredAt + " but the live load balancer has no "
                            + "backend " + live.name() + ": it receives no traffic");
        }
        var found = live.server(name);
        if (found.isEmpty()) {
            return server.disabled()
                    ? CheckResult.pass(DriftReport.CHECK, name, declaredAt + " as disabled and is absent live")
                    : CheckResult.fail(DriftReport.CHECK, name, declaredAt + " but is absent from backend "
                            + live.name() + " on the live load balancer: it receives no traffic");
        }
        LiveServer actual = found.get();
        if (server.disabled()) {
            return actual.takesTraffic()
                    ? CheckResult.fail(DriftReport.CHECK, name, declaredAt + " as disabled but is " + actual.describe()
                            + " on the live load balancer: it receives traffic git says it must not")
                    : CheckResult.pass(DriftReport.CHECK, name, declaredAt + " as disabled and is "
                            + actual.describe() + " live");
        }
        List<String> problems = problems(server, actual);
        if (problems.isEmpty()) {
            return CheckResult.pass(DriftReport.CHECK, name, name + " is " + actual.describe() + " on the live load "
                    + "balancer, as declared in " + where(pool, server));
        }
        return CheckResult.fail(DriftReport.CHECK, name, declaredAt + " but " + String.join("; and ", problems));
    }

    private static List<String> problems(Server server, LiveServer actual) {
        List<String> problems = new ArrayList<>();
        String origin = actual.adminOrigin().isEmpty() ? "" : " (" + actual.adminOrigin() + ")";
        switch (actual.adminState()) {
            case MAINT -> problems.add("is in MAINT" + origin + " on the live load balancer: it receives no traffic");
            case DRAIN -> problems.add("is in DRAIN" + origin + " on the live load balancer: it receives no new "
                    + "traffic");
            default -> {
                if (actual.operationalState() == OperationalState.DOWN) {
                    problems.add("is down on the live load balancer: health check failing"
                            + (actual.checkDetail().isEmpty() ? "" : " (" + actual.checkDetail() + ")")
                            + ", it receives no traffic");
                } else if (actual.operationalState() == OperationalState.STOPPING) {
                    problems.add("is stopping (NOLB) on the live load balancer: it receives no new traffic");
                }
            }
        }
        if (actual.weight() != server.weight()) {
            problems.add("has weight " + actual.weight() + " live instead of the declared " + server.weight()
                    + (actual.weight() == 0 ? ": it receives no traffic" : ": its share of traffic differs"));
        }
        if (addressDiffers(server, actual)) {
            problems.add("points at " + actual.address() + " live instead of the declared " + server.address());
        }
        return problems;
    }

    /** Only an IP literal with a port can be compared: a declared host name resolves to whatever DNS says. */
    private static boolean addressDiffers(Server server, LiveServer actual) {
        if (actual.address().isEmpty() || server.port() <= 0 || !IP_LITERAL.matcher(server.host()).matches()) {
            return false;
        }
        return !actual.address().equals(server.address());
    }

    /** e.g. {@code READY and UP, weight 1} or {@code MAINT (set by the runtime API), weight 1}. */
    private static String addressSuffix(LiveServer server) {
        return server.address().isEmpty() ? "" : ", " + server.address();
    }

    static String where(Pool pool, Server server) {
        String file = fileOf(pool);
        return server.line() > 0 ? file + ":" + server.line() : file;
    }

    private static String fileOf(Pool pool) {
        return pool.file().isEmpty() ? "git (pool " + pool.name() + ")" : pool.file();
    }
}
