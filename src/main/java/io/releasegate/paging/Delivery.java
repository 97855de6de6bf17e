package io.releasegate.paging;

import java.time.Duration;
import java.util.Objects;

/**
 * What one delivery attempt to one contact came to. {@code statusCode} is the HTTP (or SMTP) status, 0 when there
 * was none (connection error, timeout); {@code detail} says in words what happened, already free of secrets;
 * {@code retryAfter} is the server's {@code Retry-After}, or null.
 */
public record Delivery(Outcome outcome, int statusCode, String detail, Duration retryAfter) {
    /** Delivered; worth retrying (429, 5xx, timeout, connection error); or final for this contact (other 4xx). */
    public enum Outcome { DELIVERED, RETRYABLE, REJECTED }

    public Delivery {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    public static Delivery delivered(int statusCode, String detail) {
        return new Delivery(Outcome.DELIVERED, statusCode, detail, null);
    }

    public static Delivery retryable(int statusCode, String detail, Duration retryAfter) {
        return new Delivery(Outcome.RETRYABLE, statusCode, detail, retryAfter);
    }

    public static Delivery rejected(int statusCode, String detail) {
        return new Delivery(Outcome.REJECTED, statusCode, detail, null);
    }

    public boolean isDelivered() {
        return outcome == Outcome.DELIVERED;
    }
}
