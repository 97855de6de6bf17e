package io.releasegate.verify;

import java.io.Serializable;
import java.util.Objects;

/**
 * One server that should take a share of the traffic.
 *
 * @param name    the name the load balancer reports (HAProxy {@code srv_name}); for nginx the address
 * @param address {@code host:port} when known (from config), else empty; a reported value equal to it maps here
 * @param weight  the declared weight, above zero
 */
public record ExpectedServer(String name, String address, int weight) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ExpectedServer {
        Objects.requireNonNull(name, "name");
        address = address == null ? "" : address;
        if (weight <= 0) {
            throw new IllegalArgumentException("weight of " + name + " must be above zero, was " + weight);
        }
    }
}
