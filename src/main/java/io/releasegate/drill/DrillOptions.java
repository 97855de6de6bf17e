package io.releasegate.drill;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How to run the drill.
 *
 * @param balancer the load balancer: the embedded proxy, or the real HAProxy or nginx
 * @param workDir  a fresh directory for the repository, the outbox and the load balancer's files
 * @param rate     requests per second of each verification (web-01 overloads above 3/4 of it)
 */
public record DrillOptions(Balancer balancer, Path workDir, double rate) {
    /** The load balancer kinds. */
    public enum Balancer {
        EMBEDDED, HAPROXY, NGINX;

        /** {@code embedded}, {@code haproxy} or {@code nginx}. */
        public static Balancer parse(String text) {
            for (Balancer value : values()) {
                if (value.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return value;
                }
            }
            throw new IllegalArgumentException("--lb must be embedded, haproxy or nginx, was '" + text + "'");
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final double DEFAULT_RATE = 100;

    public DrillOptions {
        Objects.requireNonNull(balancer, "balancer");
        Objects.requireNonNull(workDir, "workDir");
        if (!(rate >= 10 && rate <= 1000)) {
            throw new IllegalArgumentException("the drill's rate must be between 10 and 1000 requests per second");
        }
    }
}
