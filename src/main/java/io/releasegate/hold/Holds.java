package io.releasegate.hold;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The holds of one configuration repository, one per held server, in file order.
 *
 * @param file  where they were read ({@code .releasegate/holds.yml}, a revision-qualified name, or a path)
 * @param holds the holds
 */
public record Holds(String file, List<Hold> holds) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Holds {
        Objects.requireNonNull(file, "file");
        holds = List.copyOf(holds);
    }

    /** No holds (the file does not exist). */
    public static Holds none(String file) {
        return new Holds(file, List.of());
    }

    public boolean isEmpty() {
        return holds.isEmpty();
    }

    /** The holds on servers of {@code pool}. */
    public List<Hold> forPool(String pool) {
        return holds.stream().filter(h -> h.pool().equals(pool)).toList();
    }

    /** The hold on {@code pool/server}, if any (a server has at most one). */
    public Optional<Hold> of(String pool, String server) {
        return holds.stream().filter(h -> h.pool().equals(pool) && h.server().equals(server)).findFirst();
    }

    /** The hold on {@code pool/server} that covers {@code at}. */
    public Optional<Hold> activeOn(String pool, String server, Instant at) {
        return of(pool, server).filter(h -> h.activeAt(at));
    }

    /** The holds that cover {@code at}. */
    public List<Hold> activeAt(Instant at) {
        return holds.stream().filter(h -> h.activeAt(at)).toList();
    }

    /** The holds that had ended by {@code at} and are still in the file. */
    public List<Hold> expiredAt(Instant at) {
        return holds.stream().filter(h -> h.expiredAt(at)).toList();
    }

    /** These holds with {@code hold} added, or replacing the hold on the same server (an extension). */
    public Holds with(Hold hold) {
        List<Hold> result = new ArrayList<>();
        boolean replaced = false;
        for (Hold existing : holds) {
            if (existing.pool().equals(hold.pool()) && existing.server().equals(hold.server())) {
                result.add(hold);
                replaced = true;
            } else {
                result.add(existing);
            }
        }
        if (!replaced) {
            result.add(hold);
        }
        return new Holds(file, result);
    }

    /** These holds without the one on {@code pool/server}. */
    public Holds without(String pool, String server) {
        return new Holds(file, holds.stream().filter(h -> !(h.pool().equals(pool) && h.server().equals(server)))
                .toList());
    }
}
