package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Server;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one parse has already worked out about server settings, so that a configuration of hundreds of thousands of
 * servers does not repeat it: the effective settings of a {@code server} line's keywords on top of the same
 * {@code default-server} settings, and one shared map per distinct set of parameters. Not thread-safe; one per parse.
 */
final class SettingsCache {
    /** Bounds the memory a file of all-different server lines can make the cache hold. */
    private static final int MAX_ENTRIES = 4096;

    /** The settings a server line ends up with. */
    record Effective(int weight, boolean backup, boolean disabled, boolean check, Map<String, String> params) {
    }

    private final Map<Key, Effective> effective = new HashMap<>();

    /** The default-server settings and the words of a server line from its first keyword on. */
    private static final class Key {
        private final String defaults;
        private final HaproxyLine line;
        private final int from;
        private final int hash;

        Key(String defaults, HaproxyLine line, int from) {
            this.defaults = defaults;
            this.line = line;
            this.from = from;
            int h = defaults.hashCode();
            for (int i = from; i < line.size(); i++) {
                h = 31 * h + line.word(i).hashCode();
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key key) || key.hash != hash || !key.defaults.equals(defaults)
                    || key.line.size() - key.from != line.size() - from) {
                return false;
            }
            for (int i = 0; from + i < line.size(); i++) {
                if (!line.word(from + i).equals(key.line.word(key.from + i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
    private final Map<Map<String, String>, Map<String, String>> params = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    /**
     * The settings of the keywords of {@code line} from word {@code from} on, applied to {@code defaults}.
     *
     * @throws ConfigParseException as {@link ServerSettings#apply} for a line it refuses
     */
    Effective of(ServerSettings defaults, HaproxyLine line, int from, String path) throws ConfigParseException {
        Key text = new Key(defaults.signature(), line, from);
        Effective known = effective.get(text);
        if (known != null) {
            return known;
        }
        ServerSettings settings = defaults.copy();
        settings.apply(line, from, false, path);
        Effective made = new Effective(settings.weight, settings.backup, settings.disabled, settings.check,
                shared(settings.params));
        if (effective.size() >= MAX_ENTRIES) {
            effective.clear();
        }
        effective.put(text, made);
        return made;
    }

    /** The one canonical map of this parse equal to {@code values}. */
    Map<String, String> shared(Map<String, String> values) {
        Map<String, String> canonical = Server.canonicalParams(values);
        if (params.size() >= MAX_ENTRIES && !params.containsKey(canonical)) {
            params.clear();
        }
        return params.computeIfAbsent(canonical, k -> k);
    }

    /** One instance of each server name: the same names (web-01, s1, ...) come back in pool after pool. */
    String name(String name) {
        if (names.size() >= MAX_ENTRIES && !names.containsKey(name)) {
            names.clear();
        }
        return names.computeIfAbsent(name, k -> k);
    }

    /** {@code values} with one more parameter, shared. */
    Map<String, String> with(Map<String, String> values, String key, String value) {
        TreeMap<String, String> more = new TreeMap<>(values);
        more.put(key, value);
        return shared(more);
    }
}
