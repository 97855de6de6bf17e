package io.releasegate.live;

import io.releasegate.log.Redaction;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The live state from HAProxy's stats page CSV over HTTP ({@code --stats http://127.0.0.1:9000/stats;csv}). A
 * {@code user:password@} in the URL is sent as HTTP basic authentication and never shown in {@link #describe()}.
 */
public final class StatsPage implements LiveStateSource {
    private final URI url;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param url     the CSV URL ({@code ...;csv}); a stats page URL without {@code ;csv} gets it appended
     * @param timeout for the whole request
     * @throws IllegalArgumentException when the URL is not an absolute http or https URL
     */
    public StatsPage(URI url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("stats URL '" + redact(url) + "' is not an absolute http or https URL");
        }
        String userInfo = url.getRawUserInfo();
        this.authorization = userInfo == null ? "" : "Basic " + Base64.getEncoder()
                .encodeToString(decode(userInfo).getBytes(StandardCharsets.UTF_8));
        this.url = csvUrl(withoutUserInfo(url));
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public LiveBackend read(String backend) throws LiveStateException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        // the request timeout covers the response headers only; the wait on the exchange also bounds the body
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw notAnswered(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw notAnswered(cause);
            }
            if (cause instanceof ConnectException) {
                throw new LiveStateException("cannot reach the " + describe() + ": connection refused (is 'stats uri' "
                        + "enabled on a listening section?)", cause);
            }
            throw new LiveStateException("cannot read the " + describe() + ": " + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new LiveStateException("interrupted while reading the " + describe(), e);
        }
        if (response.statusCode() != 200) {
            throw new LiveStateException("the " + describe() + " answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? " (it needs credentials: put user:password@ in the URL)" : ""));
        }
        return StatsCsvParser.parse(response.body(), backend, describe());
    }

    private LiveStateException notAnswered(Throwable cause) {
        return new LiveStateException("the " + describe() + " did not answer within " + timeout.toMillis() + " ms",
                cause);
    }

    @Override
    public String describe() {
        return "stats page " + url;
    }

    private static URI csvUrl(URI url) {
        String raw = url.toString();
        return raw.contains(";csv") ? url : URI.create(raw + ";csv");
    }

    private static URI withoutUserInfo(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
                    url.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("stats URL '" + redact(url) + "' is not valid: " + e.getReason(), e);
        }
    }

    private static String redact(URI url) {
        return Redaction.text(url.toString());
    }

    private static String decode(String userInfo) {
        return java.net.URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
