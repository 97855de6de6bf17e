package io.releasegate.watch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which causes fail and which are paged, per pool, across cycles; decides the pages:
 * <ul>
 *   <li>a cause pages (TRIGGER) once it has failed {@link Finding#afterCycles()} consecutive cycles, so one lost
 *       packet pages nobody; again only when it becomes worse (a hold reminder becomes an expired hold);</li>
 *   <li>a cause routed to an owner first (an ended hold) is escalated to the chain (ESCALATE) once it has failed the
 *       watch's {@code failAfter} cycles and only the owner has the page; a reminder (a warning) never is;</li>
 *   <li>a paged cause that no longer fails is resolved (RESOLVE), sent to every contact that accepted one of its
 *       triggers (or along its route when none is known yet); a cause that clears before it paged is forgotten.</li>
 * </ul>
 * Only pools observed in a cycle are judged: a pool that could not be checked keeps its state.
 */
public final class Incidents {
    private final int failAfter;
    private final Map<String, Streak> streaks = new LinkedHashMap<>();

    /** The state of one cause of one pool. */
    public static final class Streak {
        Finding last;
        int cycles;
        boolean triggered;
        boolean escalated;
        int severityRank = -1;
        final Set<String> deliveredTo = new LinkedHashSet<>();
        final List<String> routes = new ArrayList<>();

        public Finding last() {
            return last;
        }

        public int cycles() {
            return cycles;
        }

        public boolean triggered() {
            return triggered;
        }
    }

    /** @param failAfter consecutive failing cycles before a cause pages the chain (at least 1) */
    public Incidents(int failAfter) {
        if (failAfter < 1) {
            throw new IllegalArgumentException("--fail-after must be at least 1, was " + failAfter);
        }
        this.failAfter = failAfter;
    }

    public int failAfter() {
        return failAfter;
    }

    /** The pages due after observing {@code pool} with these failing causes. */
    public synchronized List<PageOrder> observe(String pool, List<Finding> findings) {
        List<PageOrder> orders = new ArrayList<>();
        Set<String> failing = new LinkedHashSet<>();
        for (Finding finding : findings) {
            if (!finding.pool().equals(pool) || !failing.add(finding.key())) {
                continue;
            }
            Streak streak = streaks.computeIfAbsent(finding.key(), key -> new Streak());
            int rank = Finding.rank(finding.severity());
            streak.last = finding;
            // a cause that became worse (a reminder became an expired hold) counts its cycles afresh
            streak.cycles = streak.triggered && rank > streak.severityRank ? 1 : streak.cycles + 1;
            List<String> route = route(finding);
            if (streak.cycles >= finding.afterCycles() && (!streak.triggered || rank > streak.severityRank)) {
                orders.add(new PageOrder(PageOrder.Kind.TRIGGER, finding.key(), finding, route));
                streak.triggered = true;
                streak.severityRank = Math.max(streak.severityRank, rank);
                remember(streak, route);
            }
            if (streak.triggered && !finding.owner().isEmpty() && !streak.escalated && streak.cycles >= failAfter
                    && rank >= Finding.rank(io.releasegate.paging.Severity.ERROR)
                    && !streak.deliveredTo.isEmpty() && finding.owner().containsAll(streak.deliveredTo)) {
                orders.add(new PageOrder(PageOrder.Kind.ESCALATE, finding.key(), finding, List.of(PageOrder.CHAIN)));
                streak.escalated = true;
                remember(streak, List.of(PageOrder.CHAIN));
            }
        }
        for (var it = streaks.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Streak> entry = it.next();
            Streak streak = entry.getValue();
            if (!streak.last.pool().equals(pool) || failing.contains(entry.getKey())) {
                continue;
            }
            if (streak.triggered) {
                List<String> route = streak.deliveredTo.isEmpty() ? List.copyOf(streak.routes)
                        : List.copyOf(streak.deliveredTo);
                orders.add(new PageOrder(PageOrder.Kind.RESOLVE, entry.getKey(), streak.last, route));
            }
            it.remove();
        }
        return orders;
    }

    /** Records that a page of {@code key} was accepted by {@code contact} (called from the paging thread). */
    public synchronized void delivered(String key, String contact) {
        Streak streak = streaks.get(key);
        if (streak != null && contact != null) {
            streak.deliveredTo.add(contact);
        }
    }

    /** The causes failing now, with their streaks (for reports, metrics and the state file). */
    public synchronized Map<String, Streak> open() {
        return new LinkedHashMap<>(streaks);
    }

    /** The causes of {@code pool} failing now. */
    public synchronized Set<String> failingCauses(String pool) {
        Set<String> causes = new LinkedHashSet<>();
        streaks.values().stream().filter(s -> s.last.pool().equals(pool)).forEach(s -> causes.add(s.last.cause()));
        return causes;
    }

    /** Restores a streak read from the state file (a {@code --once} run continues the last one). */
    public synchronized void restore(Finding last, int cycles, boolean triggered, boolean escalated, int severityRank,
            List<String> deliveredTo, List<String> routes) {
        Streak streak = new Streak();
        streak.last = last;
        streak.cycles = cycles;
        streak.triggered = triggered;
        streak.escalated = escalated;
        streak.severityRank = severityRank;
        streak.deliveredTo.addAll(deliveredTo);
        streak.routes.addAll(routes);
        streaks.put(last.key(), streak);
    }

    private static List<String> route(Finding finding) {
        List<String> route = new ArrayList<>(finding.owner());
        route.add(PageOrder.CHAIN);
        return route;
    }

    private static void remember(Streak streak, List<String> route) {
        for (String contact : route) {
            if (!streak.routes.contains(contact)) {
                streak.routes.add(contact);
            }
        }
    }

    /** Internal state for the state file. */
    public static int severityRank(Streak streak) {
        return streak.severityRank;
    }

    public static boolean escalated(Streak streak) {
        return streak.escalated;
    }

    public static List<String> deliveredTo(Streak streak) {
        return List.copyOf(streak.deliveredTo);
    }

    public static List<String> routes(Streak streak) {
        return List.copyOf(streak.routes);
    }
}
