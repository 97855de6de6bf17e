package io.releasegate.paging;

import java.io.Serializable;
import java.time.Instant;

/** One recorded delivery attempt: to whom, which try, when, how it ended and how long it took. */
public record Attempt(String contact, int attempt, Instant time, Delivery.Outcome outcome, int statusCode,
        String error, long durationMs) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Attempt {
        error = error == null ? "" : error;
    }

    /** E.g. {@code oncall-pd #2 RETRYABLE HTTP 429 (too many requests) 12 ms}. */
    public String describe() {
        return contact + " #" + attempt + " " + outcome + (statusCode > 0 ? " HTTP " + statusCode : "")
                + (error.isEmpty() ? "" : " (" + error + ")") + " " + durationMs + " ms";
    }
}
