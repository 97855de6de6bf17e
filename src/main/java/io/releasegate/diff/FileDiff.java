package io.releasegate.diff;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic difference of two versions of one load-balancer file, without git: pools matched by name (compared
 * by {@link PoolDiff}), the statements outside the model ({@link DirectiveDiff}) and the routes ({@link RouteDiff}).
 * Pools that are only on one side are returned apart, so that a revision diff can follow a pool that moved to
 * another file; {@link #all()} reports them as removed and added.
 *
 * @param path         the file compared
 * @param changes      the changes of the pools on both sides, the directives and the routes
 * @param removedPools pools only in the old version
 * @param addedPools   pools only in the new version
 */
public record FileDiff(String path, List<Change> changes, List<Pool> removedPools, List<Pool> addedPools) {
    public FileDiff {
        changes = List.copyOf(changes);
        removedPools = List.copyOf(removedPools);
        addedPools = List.copyOf(addedPools);
    }

    /** Compares two versions of the file at {@code path}; either may be null (file added or deleted). */
    public static FileDiff of(String path, ConfigFile before, ConfigFile after) {
        Map<String, Pool> oldPools = pools(before);
        Map<String, Pool> newPools = pools(after);
        List<Change> changes = new ArrayList<>();
        List<Pool> removed = new ArrayList<>();
        List<Pool> added = new ArrayList<>();
        for (Pool pool : oldPools.values()) {
            if (!newPools.containsKey(pool.name())) {
                removed.add(pool);
            }
        }
        for (Pool pool : newPools.values()) {
            Pool old = oldPools.get(pool.name());
            if (old == null) {
                added.add(pool);
            } else {
                changes.addAll(PoolDiff.compare(fileOf(pool, path), old, pool));
            }
        }
        changes.addAll(DirectiveDiff.compare(path, before == null ? List.of() : before.directives(),
                after == null ? List.of() : after.directives(), RouteDiff.computedFrom(before, after)));
        changes.addAll(RouteDiff.compare(path, before, after));
        return new FileDiff(path, changes, removed, added);
    }

    /** Every change, pools only on one side reported as removed or added. */
    public List<Change> all() {
        List<Change> all = new ArrayList<>(changes);
        removedPools.forEach(pool -> all.addAll(PoolDiff.compare(fileOf(pool, path), pool, null)));
        addedPools.forEach(pool -> all.addAll(PoolDiff.compare(fileOf(pool, path), null, pool)));
        return all;
    }

    /** The file a pool is defined in: its own (an nginx include) or the file being compared. */
    static String fileOf(Pool pool, String path) {
        return pool.file().isEmpty() ? path : pool.file();
    }

    private static Map<String, Pool> pools(ConfigFile file) {
        Map<String, Pool> map = new LinkedHashMap<>();
        if (file != null) {
            file.pools().forEach(pool -> map.putIfAbsent(pool.name(), pool));
        }
        return map;
    }
}
