package io.releasegate.verify.probe;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP response, as far as verification needs it.
 *
 * @param status  the status code
 * @param headers header names in lower case to their values in order
 * @param body    the body as text, cut after {@link #MAX_BODY} characters
 */
public record ProbeResponse(int status, Map<String, List<String>> headers, String body) {
    public static final int MAX_BODY = 64 * 1024;

    public ProbeResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
