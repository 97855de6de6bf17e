package io.releasegate.paging;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** POSTs JSON to a URL that is itself a secret (Slack, Teams, webhooks); errors are redacted of every secret. */
final class UrlPoster {
    private final Secret url;
    private final URI target;
    private final List<Secret> secrets;

    UrlPoster(Secret url, Secret... otherSecrets) {
        this.url = Objects.requireNonNull(url, "url");
        this.target = HttpDelivery.uri(url);
        List<Secret> all = new ArrayList<>(HttpDelivery.secrets(otherSecrets));
        all.add(0, url);
        this.secrets = List.copyOf(all);
    }

    Delivery post(byte[] body, Map<String, String> headers, Duration timeout) {
        return HttpDelivery.post(target, body, headers, timeout, secrets);
    }

    /** Where the URL came from, safe to print. */
    String reference() {
        return url.reference();
    }
}
