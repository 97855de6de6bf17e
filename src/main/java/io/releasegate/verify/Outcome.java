package io.releasegate.verify;

/**
 * What became of one request.
 *
 * @param kind     a response, or how the request failed
 * @param reported the backend the response named (raw value), or null
 * @param status   the HTTP status, or 0 without a response
 * @param detail   the failure in words (exception message), or empty
 */
public record Outcome(Kind kind, String reported, int status, String detail) {
    /** How a request ended. */
    public enum Kind { RESPONSE, CONNECT_FAILED, TIMEOUT, IO_ERROR }

    public static Outcome response(int status, String reported) {
        return new Outcome(Kind.RESPONSE, reported, status, "");
    }

    public static Outcome failure(Kind kind, String detail) {
        return new Outcome(kind, null, 0, detail == null ? "" : detail);
    }

    /** A connection failure, a timeout, another I/O error or a 5xx response. */
    public boolean isError() {
        return kind != Kind.RESPONSE || status >= 500;
    }
}
