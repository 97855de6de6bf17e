package io.releasegate.watch;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.YamlNode;
import io.releasegate.gate.GateSettings;
import io.releasegate.policy.Durations;
import io.releasegate.policy.Policy;
import io.releasegate.verify.VerificationSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code watch:} section of the policy (docs/watch.md): how often, after how many failing cycles a cause pages,
 * and for each pool how it is verified (the keys of {@code verify:} but {@code pool}, {@code deployTimeout} and
 * {@code rollbackTimeout}). Without it, the {@code verify:} section's one pool is watched.
 *
 * @param every     the cycle, when the section sets it
 * @param failAfter consecutive failing cycles before a cause pages, when the section sets it
 * @param rate      the watch's one rate cap in requests per second: every pool's traffic, health probes and
 *                  live-state reads share it (0 lifts it, for benchmarks); a pool's own {@code rate} is not used
 * @param pools     each watched pool's verification, in the file's order
 */
public record WatchSettings(Optional<Duration> every, Optional<Integer> failAfter, double rate,
        Map<String, VerificationSpec> pools) {
    /** The keys of one pool's entry. */
    static final String[] POOL_KEYS = Stream.of(GateSettings.KEYS)
            .filter(key -> !List.of("pool", "deployTimeout", "rollbackTimeout").contains(key)).toArray(String[]::new);

    public WatchSettings {
        pools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pools));
    }

    /**
     * Reads the section of {@code policy}.
     *
     * @throws ConfigParseException naming the file, line and key of a bad or missing value
     */
    public static WatchSettings read(Policy policy) throws ConfigParseException {
        if (policy.watch().isEmpty()) {
            if (policy.verify().isEmpty()) {
                throw new ConfigParseException(policy.source(), 0, 0, "no watch: section (nor a verify: section): "
                        + "name the pools to watch and their load balancers under watch.pools (docs/watch.md)");
            }
            GateSettings gate = GateSettings.read(policy.verify(), policy.source());
            return new WatchSettings(Optional.empty(), Optional.empty(), gate.verify().traffic().rate(),
                    Map.of(gate.pool(), gate.verify()));
        }
        YamlNode watch = policy.watch().get();
        watch.requireOnly("every", "failAfter", "rate", "pools");
        Optional<Duration> every = Optional.empty();
        if (watch.get("every").isPresent()) {
            YamlNode node = watch.get("every").get();
            try {
                Duration value = Durations.parse(node.asText());
                if (value.compareTo(Duration.ofSeconds(1)) < 0) {
                    throw node.error("watch.every must be at least 1s");
                }
                every = Optional.of(value);
            } catch (IllegalArgumentException e) {
                throw node.error(e.getMessage());
            }
        }
        Optional<Integer> failAfter = watch.get("failAfter").isPresent()
                ? Optional.of(watch.get("failAfter").get().asInt(1, 100)) : Optional.empty();
        double rate = watch.get("rate").isPresent() ? watch.get("rate").get().asDouble(0, 1_000_000)
                : io.releasegate.verify.VerificationRequest.DEFAULT_RATE;
        YamlNode poolsNode = watch.get("pools").orElseThrow(() -> watch.error("watch.pools is required: each "
                + "pool to watch, with at least its lb"));
        Map<String, VerificationSpec> pools = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : poolsNode.entries().entrySet()) {
            YamlNode node = entry.getValue();
            node.requireOnly(POOL_KEYS);
            pools.put(entry.getKey(), GateSettings.spec(node, entry.getKey(), "watch.pools." + entry.getKey()));
        }
        if (pools.isEmpty()) {
            throw poolsNode.error("watch.pools names no pool");
        }
        return new WatchSettings(every, failAfter, rate, pools);
    }

    /** The keys a pool entry may have, for the docs. */
    static List<String> poolKeys() {
        return Arrays.asList(POOL_KEYS);
    }
}
