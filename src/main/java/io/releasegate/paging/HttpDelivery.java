package io.releasegate.paging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP POST of a JSON body, classified: 2xx delivered; 408, 429, 5xx, timeouts and connection errors
 * retryable (with {@code Retry-After}); other statuses rejected. Every detail is redacted of the given secrets.
 */
final class HttpDelivery {
    private static final int MAX_BODY_IN_DETAIL = 300;
    private static final int MAX_BODY_KEPT = 16 * 1024;
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private HttpDelivery() {
    }

    static Delivery post(URI uri, byte[] body, Map<String, String> headers, Duration timeout,
            Collection<Secret> secrets) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "release-gate")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<String>> future = CLIENT.sendAsync(request.build(), info ->
                HttpResponse.BodySubscribers.fromSubscriber(new CappedBody(MAX_BODY_KEPT), CappedBody::text));
        try {
            // the request timeout covers the response headers; this bound also covers connect and body
            HttpResponse<String> response = future.get(timeout.toMillis() + 200, TimeUnit.MILLISECONDS);
            return classify(response.statusCode(), response.body().strip(),
                    response.headers().firstValue("Retry-After").orElse(null), secrets);
        } catch (TimeoutException e) {
            future.cancel(true);
            return timedOut(timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Delivery.retryable(0, "interrupted", null);
        } catch (ExecutionException e) {
            return failed(e.getCause(), timeout, secrets);
        }
    }

    static Delivery classify(int status, String body, String retryAfter, Collection<Secret> secrets) {
        if (status >= 200 && status < 300) {
            return Delivery.delivered(status, "");
        }
        String detail = Secret.redact(body, secrets);
        detail = detail.length() > MAX_BODY_IN_DETAIL ? detail.substring(0, MAX_BODY_IN_DETAIL) + "\u2026" : detail;
        if (status == 408 || status == 429 || status >= 500) {
            return Delivery.retryable(status, detail, parseRetryAfter(retryAfter, Instant.now()));
        }
        return Delivery.rejected(status, detail);
    }

    /** Seconds ({@code 120}) or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 86_400));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Delivery failed(Throwable cause, Duration timeout, Collection<Secret> secrets) {
        if (cause instanceof HttpTimeoutException) {
            return timedOut(timeout);
        }
        if (cause instanceof ConnectException) {
            return Delivery.retryable(0, "connection failed: " + words(cause, secrets), null);
        }
        if (cause instanceof IOException) {
            return Delivery.retryable(0, "I/O error: " + words(cause, secrets), null);
        }
        return Delivery.rejected(0, "request failed: " + words(cause, secrets));
    }

    private static Delivery timedOut(Duration timeout) {
        return Delivery.retryable(0, "no response within " + timeout.toMillis() + " ms", null);
    }

    private static String words(Throwable error, Collection<Secret> secrets) {
        String message = error.getMessage();
        String text = message == null || message.isBlank() ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + message;
        return Secret.redact(text, secrets);
    }

    /** Keeps the first bytes of a response body and discards the rest, so a huge reply cannot fill the heap. */
    private static final class CappedBody implements Flow.Subscriber<List<ByteBuffer>> {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int max;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), max - kept.size());
                if (take > 0) {
                    byte[] bytes = new byte[take];
                    buffer.get(bytes);
                    kept.write(bytes, 0, take);
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            // the status line is what counts; an incomplete body is reported as far as it came
        }

        @Override
        public void onComplete() {
            // nothing to finish
        }

        String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    /** Initialises the shared client and the request classes (see {@link Paging#prepare()}). */
    static void prepare() {
        HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).timeout(Duration.ofSeconds(1))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build();
        CLIENT.version();
    }

    /** The secret as an http(s) URL; the error names the reference only. */
    static URI uri(Secret url) {
        try {
            URI uri = new URI(url.value());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below without the value
        }
        throw new IllegalArgumentException("secret " + url.reference() + " is not an http(s) URL");
    }

    static List<Secret> secrets(Secret... secrets) {
        return java.util.Arrays.stream(secrets).filter(java.util.Objects::nonNull).toList();
    }
}
