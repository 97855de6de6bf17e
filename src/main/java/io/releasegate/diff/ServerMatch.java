package io.releasegate.diff;

import io.releasegate.config.Server;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which server of a pool at one revision is which at the other, when names are not unique: nginx names a server by
 * its address and allows one address on several lines ({@code server 127.0.0.1:8081;} three times is three peers),
 * and servers in the branches of an {@code .if} that cannot be evaluated may share a name. Servers that are equal in
 * everything but their line are paired first, twins with the nearest line first, so that reordering and reformatting
 * are no change and a twin that changed is the one at its line; the servers left are paired by name in source order
 * and compared; what is still left was removed or added.
 */
final class ServerMatch {
    /** Above this many twin pairs to weigh, twins are paired in source order instead of by nearest line. */
    private static final int MAX_NEAREST = 4096;

    private final Map<Server, Server> next = new IdentityHashMap<>();
    private final Map<Server, Server> previous = new IdentityHashMap<>();
    private final List<Server> removed = new ArrayList<>();

    private ServerMatch() {
    }

    static ServerMatch of(List<Server> before, List<Server> after) {
        ServerMatch match = new ServerMatch();
        match.pairIdentical(before, after);
        List<Server> oldLeft = before.stream().filter(server -> !match.next.containsKey(server)).toList();
        List<Server> newLeft = after.stream().filter(server -> !match.previous.containsKey(server)).toList();
        match.pair(oldLeft, newLeft, Server::name);
        for (Server server : before) {
            if (!match.next.containsKey(server)) {
                match.removed.add(server);
            }
        }
        return match;
    }

    /** Pairs servers with equal keys, in source order; returns the old servers left unpaired. */
    private List<Server> pair(List<Server> olds, List<Server> news, java.util.function.Function<Server, Object> key) {
        Map<Object, Deque<Server>> waiting = new LinkedHashMap<>();
        for (Server now : news) {
            if (!previous.containsKey(now)) {
                waiting.computeIfAbsent(key.apply(now), k -> new ArrayDeque<>()).add(now);
            }
        }
        List<Server> left = new ArrayList<>();
        for (Server old : olds) {
            Deque<Server> candidates = waiting.get(key.apply(old));
            Server now = candidates == null ? null : candidates.poll();
            if (now == null) {
                left.add(old);
            } else {
                next.put(old, now);
                previous.put(now, old);
            }
        }
        return left;
    }

    /** Pairs servers equal in everything but their line; among twins, the nearest lines first. */
    private void pairIdentical(List<Server> olds, List<Server> news) {
        Map<Object, List<Server>> oldGroups = new LinkedHashMap<>();
        Map<Object, List<Server>> newGroups = new LinkedHashMap<>();
        olds.forEach(server -> oldGroups.computeIfAbsent(sameExceptLine(server), k -> new ArrayList<>()).add(server));
        news.forEach(server -> newGroups.computeIfAbsent(sameExceptLine(server), k -> new ArrayList<>()).add(server));
        for (Map.Entry<Object, List<Server>> group : oldGroups.entrySet()) {
            List<Server> candidates = newGroups.get(group.getKey());
            if (candidates == null) {
                continue;
            }
            List<Server> oldTwins = group.getValue();
            if (oldTwins.size() * candidates.size() > MAX_NEAREST) {
                pair(oldTwins, candidates, ServerMatch::sameExceptLine);
            } else {
                pairNearest(oldTwins, candidates);
            }
        }
    }

    /** Twins paired closest line first (ties: earlier first); a few dozen at most in real pools. */
    private void pairNearest(List<Server> olds, List<Server> news) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < olds.size(); i++) {
            for (int j = 0; j < news.size(); j++) {
                pairs.add(new int[] {Math.abs(olds.get(i).line() - news.get(j).line()), i, j});
            }
        }
        pairs.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0])
                : a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[2], b[2]));
        for (int[] pair : pairs) {
            Server old = olds.get(pair[1]);
            Server now = news.get(pair[2]);
            if (!next.containsKey(old) && !previous.containsKey(now)) {
                next.put(old, now);
                previous.put(now, old);
            }
        }
    }

    /** Everything but the line: the key under which a moved or reformatted server is the same server. */
    private static Object sameExceptLine(Server server) {
        return server.withLine(0);
    }

    /** The server at the new revision that {@code old} became, or null when it was removed. */
    Server next(Server old) {
        return next.get(old);
    }

    /** The server at the old revision that {@code now} was, or null when it was added. */
    Server previous(Server now) {
        return previous.get(now);
    }

    /** The old servers that have no counterpart, in source order. */
    List<Server> removed() {
        return removed;
    }
}
