package io.releasegate.diff;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.Pool;
import io.releasegate.config.Route;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the routes of two versions of a file: a route is identified by its frontend and condition, so a changed
 * target, a removed route and a new route are each one change. Changes that involve a pool are ROUTE_CHANGED and
 * say in words which requests now go where; a route between addresses that are not pools is OTHER_CHANGE, as any
 * other statement. A pool that routes reached before and none reaches after is reported too, unless a route is
 * computed per request and could still reach it. A condition whose ACL now means other requests, and rules tried
 * first-match-wins that changed order, are ROUTE_CHANGED as well.
 */
final class RouteDiff {
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(?:\\{(\\w+)\\}|(\\w+))");
    private final String file;
    private final List<Change> changes = new ArrayList<>();

    private RouteDiff(String file) {
        this.file = file;
    }

    static List<Change> compare(String file, ConfigFile before, ConfigFile after) {
        RouteDiff diff = new RouteDiff(file);
        List<Route> old = before == null ? List.of() : before.routes();
        List<Route> now = after == null ? List.of() : after.routes();
        diff.routes(old, now);
        diff.order(old, now);
        if (after != null) {
            diff.unreached(old, now, after.pools());
        }
        return diff.changes;
    }

    /** The nginx variables ({@code $pool}) a route's target is computed from, at either revision. */
    static Set<String> computedFrom(ConfigFile before, ConfigFile after) {
        Set<String> variables = new LinkedHashSet<>();
        for (ConfigFile file : new ConfigFile[] {before, after}) {
            if (file == null) {
                continue;
            }
            file.routes().stream().filter(Route::dynamic).forEach(route -> {
                Matcher matcher = VARIABLE.matcher(route.target());
                while (matcher.find()) {
                    variables.add("$" + (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
                }
            });
        }
        return variables;
    }

    private void routes(List<Route> old, List<Route> now) {
        Map<String, Deque<Route>> waiting = new LinkedHashMap<>();
        for (Route route : now) {
            waiting.computeIfAbsent(route.key(), k -> new ArrayDeque<>()).add(route);
        }
        Map<String, Route> defaults = new LinkedHashMap<>();
        now.stream().filter(route -> route.condition().isEmpty()).forEach(r -> defaults.putIfAbsent(r.frontend(), r));
        for (Route was : old) {
            Deque<Route> candidates = waiting.get(was.key());
            Route is = candidates == null ? null : candidates.poll();
            if (is == null) {
                removed(was, defaults.get(was.frontend()));
            } else if (!was.target().equals(is.target()) || was.toPool() != is.toPool()) {
                retargeted(was, is);
            } else if (is.toPool() && !was.meaning().equals(is.meaning())) {
                route(is.line(), is.target(), words(was) + " (" + orNothing(was.meaning()) + ")", words(is) + " ("
                        + orNothing(is.meaning()) + ")", is.frontend() + ": '" + is.condition() + "' selects other "
                        + "requests for " + target(is) + " now: before, " + orNothing(was.meaning()) + "; now, "
                        + orNothing(is.meaning()) + ".");
            } else if (!was.statement().equals(is.statement())) {
                other(is.line(), is.frontend(), was.statement(), is.statement(), "'" + was.statement()
                        + "' changed to '" + is.statement() + "'");
            }
        }
        for (Deque<Route> left : waiting.values()) {
            for (Route added : left) {
                if (added.toPool()) {
                    route(added.line(), added.target(), "", words(added), added.frontend() + ": " + who(added)
                            + " now go to " + target(added) + " (new route).");
                } else {
                    other(added.line(), added.frontend(), "", added.statement(), "'" + added.statement()
                            + "' added");
                }
            }
        }
    }

    private void retargeted(Route was, Route is) {
        if (!was.toPool() && !is.toPool()) {
            other(is.line(), is.frontend(), was.statement(), is.statement(), "'" + was.statement() + "' changed to '"
                    + is.statement() + "'");
            return;
        }
        route(is.line(), is.toPool() ? is.target() : was.target(), words(was), words(is), is.frontend() + ": "
                + who(is) + " now go to " + target(is) + " instead of " + target(was) + ".");
    }

    private void removed(Route was, Route fallback) {
        if (!was.toPool()) {
            other(was.line(), was.frontend(), was.statement(), "", "'" + was.statement() + "' removed");
            return;
        }
        String then = fallback == null || fallback == was ? "" : "; they now go to " + target(fallback)
                + " (the default)";
        route(was.line(), was.target(), words(was), "", was.frontend() + ": the route of " + who(was) + " to "
                + target(was) + " was removed" + then + ".");
    }

    /**
     * The rules of a frontend that are tried in order, the first that matches winning (HAProxy {@code use_backend
     * ... if}, nginx regular-expression locations), moved relative to each other while keeping their conditions and
     * targets: the same requests may now go to another pool.
     */
    private void order(List<Route> old, List<Route> now) {
        Map<String, List<Route>> before = ordered(old);
        Map<String, List<Route>> after = ordered(now);
        for (Map.Entry<String, List<Route>> entry : after.entrySet()) {
            List<Route> was = before.getOrDefault(entry.getKey(), List.of());
            Set<String> kept = new LinkedHashSet<>();
            was.forEach(route -> kept.add(route.key() + " -> " + route.target()));
            Set<String> still = new LinkedHashSet<>();
            entry.getValue().forEach(route -> still.add(route.key() + " -> " + route.target()));
            kept.retainAll(still);
            still.retainAll(kept);
            List<Route> moved = entry.getValue().stream().filter(r -> still.contains(r.key() + " -> " + r.target()))
                    .toList();
            boolean severalPools = moved.stream().map(Route::target).distinct().count() > 1;
            if (severalPools && !List.copyOf(kept).equals(List.copyOf(still))) {
                Route first = moved.get(0);
                route(first.line(), first.target(), sequence(was, kept), sequence(entry.getValue(), still),
                        entry.getKey() + ": its rules are tried in another order now, and the first that matches "
                                + "wins: " + sequence(entry.getValue(), still) + " (before: " + sequence(was, kept)
                                + ").");
            }
        }
    }

    /** Per frontend, its routes whose order decides where a request goes, in source order. */
    private static Map<String, List<Route>> ordered(List<Route> routes) {
        Map<String, List<Route>> byFrontend = new LinkedHashMap<>();
        for (Route route : routes) {
            String condition = route.condition();
            if (condition.startsWith("if ") || condition.startsWith("unless ") || condition.startsWith("location ~")) {
                byFrontend.computeIfAbsent(route.frontend(), k -> new ArrayList<>()).add(route);
            }
        }
        return byFrontend;
    }

    private static String sequence(List<Route> routes, Set<String> among) {
        List<String> words = new ArrayList<>();
        routes.stream().filter(r -> among.contains(r.key() + " -> " + r.target()))
                .forEach(r -> words.add("'" + r.condition() + "' to " + target(r)));
        return String.join(", then ", words);
    }

    private static String orNothing(String meaning) {
        return meaning.isEmpty() ? "(not defined)" : meaning;
    }

    /** A pool routes reached before and none reaches now (and no route computed per request might). */
    private void unreached(List<Route> old, List<Route> now, List<Pool> pools) {
        if (now.stream().anyMatch(Route::dynamic)) {
            return;
        }
        Set<String> reachedNow = new LinkedHashSet<>();
        now.stream().filter(Route::toPool).forEach(route -> reachedNow.add(route.target()));
        Map<String, Route> reachedBefore = new LinkedHashMap<>();
        old.stream().filter(Route::toPool).forEach(route -> reachedBefore.putIfAbsent(route.target(), route));
        for (Pool pool : pools) {
            Route last = reachedBefore.get(pool.name());
            if (last != null && !reachedNow.contains(pool.name())) {
                route(pool.line(), pool.name(), "reached from " + last.frontend(), "reached from no frontend",
                        "Pool " + pool.name() + " no longer receives traffic from any frontend (before, "
                                + last.frontend() + " sent it " + who(last) + ").");
            }
        }
    }

    /** Which requests a route takes, in words. */
    private static String who(Route route) {
        String condition = route.condition();
        if (condition.isEmpty()) {
            return "requests";
        }
        if (condition.startsWith("location ")) {
            return "requests to " + condition;
        }
        String text = "requests matching '" + condition + "'";
        return route.meaning().isEmpty() ? text : text + " (" + route.meaning() + ")";
    }

    private static String target(Route route) {
        if (route.toPool()) {
            return "pool " + route.target();
        }
        return route.dynamic() ? "the target '" + route.target() + "' computed per request" : route.target();
    }

    /** The route and its target: what the digest pins, so that moving one route is not moving another. */
    private static String words(Route route) {
        return route.frontend() + (route.condition().isEmpty() ? "" : ", " + route.condition()) + ": "
                + target(route);
    }

    private void route(int line, String pool, String before, String after, String message) {
        changes.add(new Change(ChangeKind.ROUTE_CHANGED, file, line, pool, "", before, after, message));
    }

    private void other(int line, String frontend, String before, String after, String what) {
        changes.add(new Change(ChangeKind.OTHER_CHANGE, file, line, "", "", before.isEmpty() ? "" : frontend + ": "
                + before, after.isEmpty() ? "" : frontend + ": " + after, frontend + ": " + what + "."));
    }
}
