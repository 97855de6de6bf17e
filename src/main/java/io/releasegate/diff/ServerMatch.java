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
 * everything but their line are paired first, in source order, so that reordering and reformatting are no change;
 * the servers left are paired by name in source order and compared; what is still left was removed or added.
 */
final class ServerMatch {
    private final Map<Server, Server> next = new IdentityHashMap<>();
    private final Map<Server, Server> previous = new IdentityHashMap<>();
    private final List<Server> removed = new ArrayList<>();

    private ServerMatch() {
    }

    static ServerMatch of(List<Server> before, List<Server> after) {
        ServerMatch match = new ServerMatch();
        List<Server> oldLeft = match.pair(before, after, ServerMatch::sameExceptLine);
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
