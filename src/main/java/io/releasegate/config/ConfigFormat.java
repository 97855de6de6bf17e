package io.releasegate.config;

import java.util.Locale;
import java.util.Optional;

/** The load-balancer configuration formats the engine reads into one {@link Pool} model. */
public enum ConfigFormat {
    /** HAProxy configuration: {@code backend} and {@code listen} sections. */
    HAPROXY,
    /** nginx configuration: {@code upstream} blocks. */
    NGINX,
    /** Release Gate's own YAML or JSON pool file, for pools defined elsewhere (cloud LBs, DNS). */
    POOLFILE;

    /** Case-insensitive lookup; accepts {@code yaml} and {@code json} as aliases of {@link #POOLFILE}. */
    public static Optional<ConfigFormat> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "haproxy":
                return Optional.of(HAPROXY);
            case "nginx":
                return Optional.of(NGINX);
            case "poolfile":
            case "pool":
            case "yaml":
            case "yml":
            case "json":
                return Optional.of(POOLFILE);
            default:
                return Optional.empty();
        }
    }

    /** The lower-case name used in JSON output and in {@code .releasegate.yml}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
