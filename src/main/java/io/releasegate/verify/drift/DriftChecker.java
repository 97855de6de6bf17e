package io.releasegate.verify.drift;

import io.releasegate.config.Pool;
import io.releasegate.verify.CheckResult;
import java.util.List;

/**
 * Compares the live load balancer with the pool that git declares (check {@code drift}). Rules, each a FAIL with the
 * reason in words naming the file and line of the declaration:
 * <ul>
 *   <li>a declared server that can take traffic (not disabled) is absent live, or the live backend is missing;</li>
 *   <li>it is in MAINT or DRAIN live (and by whom: runtime API, configuration, tracked server, DNS);</li>
 *   <li>it is DOWN or STOPPING by its health checks ("down: health check failing");</li>
 *   <li>its live weight differs from the declared weight;</li>
 *   <li>its live address differs from a declared IP address and port;</li>
 *   <li>a server declared {@code disabled} takes traffic live;</li>
 *   <li>a live server is not declared at all.</li>
 * </ul>
 * A server without any of these is a PASS. A source that cannot be read is one ERROR with the reason.
 */
public final class DriftChecker {
    private DriftChecker() {
    }

    /** One result per declared server, then one per undeclared live server. */
    public static List<CheckResult> compare(Pool declared, LiveBackend live) {
        throw new UnsupportedOperationException("implemented in the next commit");
    }

    /** Reads {@code declared.name()} from {@code source} and compares; an unreadable source gives one ERROR. */
    public static DriftReport check(Pool declared, LiveStateSource source) {
        throw new UnsupportedOperationException("implemented in the next commit");
    }
}
