package io.releasegate.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Generic JSON webhook: POSTs the {@link PageJson} form of the page. With an HMAC secret it adds
 * {@code X-Release-Gate-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>}.
 */
public final class WebhookPager implements Pager {
    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Release-Gate-Signature";
    private final UrlPoster poster;
    private final Secret hmacSecret;

    /** {@code hmacSecret} may be null (no signature). */
    public WebhookPager(Secret url, Secret hmacSecret) {
        this.poster = new UrlPoster(url, hmacSecret);
        this.hmacSecret = hmacSecret;
    }

    @Override
    public Delivery deliver(Page page, Duration timeout) {
        byte[] body = PageJson.bytes(PageJson.toJson(page));
        Map<String, String> headers = hmacSecret == null ? Map.of()
                : Map.of(SIGNATURE_HEADER, signature(hmacSecret.value(), body));
        return poster.post(body, headers, timeout);
    }

    /** {@code sha256=<lower-case hex>} of HMAC-SHA256(key, body). */
    public static String signature(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookPager[" + poster.reference() + (hmacSecret == null ? "" : ", signed") + "]";
    }
}
