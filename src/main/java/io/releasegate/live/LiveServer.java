package io.releasegate.live;

import java.io.Serializable;
import java.util.Objects;

/**
 * One server as the live load balancer holds it.
 *
 * @param name             the server's name
 * @param address          {@code host:port} as the load balancer uses it (may be empty when the source omits it)
 * @param operationalState what its health checks say
 * @param adminState       what the operators (runtime API, config, DNS) say
 * @param adminOrigin      why it is in {@link AdminState#MAINT} or {@link AdminState#DRAIN}, in words
 *                         (e.g. {@code set by the runtime API}), empty when READY or unknown
 * @param weight           the user weight the load balancer applies ({@code srv_uweight}, or the CSV's
 *                         {@code uweight}, else {@code weight})
 * @param checkDetail      the last health check's result in words when the source gives it (e.g.
 *                         {@code L7STS 503}), else empty
 */
public record LiveServer(String name, String address, OperationalState operationalState, AdminState adminState,
        String adminOrigin, int weight, String checkDetail) implements Serializable {
    private static final long serialVersionUID = 1L;

    public LiveServer {
        Objects.requireNonNull(name, "name");
        address = address == null ? "" : address;
        Objects.requireNonNull(operationalState, "operationalState");
        Objects.requireNonNull(adminState, "adminState");
        adminOrigin = adminOrigin == null ? "" : adminOrigin;
        checkDetail = checkDetail == null ? "" : checkDetail;
    }

    /** READY, not DOWN or STOPPING, weight above 0: this server gets new traffic. */
    public boolean takesTraffic() {
        return adminState == AdminState.READY && weight > 0
                && (operationalState == OperationalState.UP || operationalState == OperationalState.STARTING);
    }

    /** Its state in words: {@code MAINT (set by the runtime API) and UP, weight 0}. */
    public String describe() {
        String admin = adminState == AdminState.READY ? "READY"
                : adminState + (adminOrigin.isEmpty() ? "" : " (" + adminOrigin + ")");
        return admin + " and " + operationalState + ", weight " + weight;
    }
}
