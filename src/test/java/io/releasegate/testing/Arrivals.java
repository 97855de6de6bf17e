package io.releasegate.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Arrival times (System.nanoTime) counted at real endpoints, for rate tests. */
public final class Arrivals {
    private static final long SECOND = 1_000_000_000L;

    private Arrivals() {
    }

    /** Every arrival of every list, in time order. */
    @SafeVarargs
    public static List<Long> merged(Collection<Long>... lists) {
        List<Long> all = new ArrayList<>();
        for (Collection<Long> list : lists) {
            all.addAll(list);
        }
        all.sort(null);
        return all;
    }

    /**
     * Whether {@code sortedNanos} could have come from permits at least {@code 1/rate} apart: n arrivals span at least
     * {@code (n - 1) / rate} seconds, less {@code jitterMillis} for the first arrival being late (the last being late
     * only widens the span). Unlike a count per window, this does not depend on the jitter at both window ends.
     */
    public static boolean consistentWithRate(List<Long> sortedNanos, double rate, long jitterMillis) {
        if (sortedNanos.size() < 2) {
            return true;
        }
        long span = sortedNanos.get(sortedNanos.size() - 1) - sortedNanos.get(0);
        return span >= (long) ((sortedNanos.size() - 1) / rate * SECOND) - jitterMillis * 1_000_000L;
    }

    /** The most arrivals in any window of one second (half-open), of times in ascending order. */
    public static int maxInOneSecond(List<Long> sortedNanos) {
        int max = 0;
        int from = 0;
        for (int to = 0; to < sortedNanos.size(); to++) {
            while (sortedNanos.get(to) - sortedNanos.get(from) >= SECOND) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}
