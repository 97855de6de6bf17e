package io.releasegate.config;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * One parsed load-balancer file: its pools and its other statements.
 *
 * @param path       repository-relative path (or the path as given)
 * @param format     the format it was parsed as
 * @param pools      pools in source order
 * @param directives statements outside the pool model, for OTHER_CHANGE
 * @param includes   other files this one read (nginx {@code include}), repository-relative
 * @param routes     the rules that send requests to pools (or elsewhere), in source order
 * @param notes      what was kept but could not be judged (unknown keywords, conditional servers)
 */
public record ConfigFile(String path, ConfigFormat format, List<Pool> pools, List<Directive> directives,
        List<String> includes, List<Route> routes, List<ConfigNote> notes) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ConfigFile {
        pools = List.copyOf(pools);
        directives = List.copyOf(directives);
        includes = includes == null ? List.of() : List.copyOf(includes);
        routes = routes == null ? List.of() : List.copyOf(routes);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public ConfigFile(String path, ConfigFormat format, List<Pool> pools, List<Directive> directives) {
        this(path, format, pools, directives, List.of(), List.of(), List.of());
    }

    public ConfigFile(String path, ConfigFormat format, List<Pool> pools, List<Directive> directives,
            List<String> includes) {
        this(path, format, pools, directives, includes, List.of(), List.of());
    }

    public Optional<Pool> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
