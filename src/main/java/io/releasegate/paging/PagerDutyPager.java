package io.releasegate.paging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PagerDuty Events API v2: POSTs an alert event to {@code {baseUrl}/v2/enqueue}. A trigger carries
 * {@code routing_key, event_action, dedup_key, payload{summary, source, severity, timestamp, component, group,
 * class, custom_details}, links, client, client_url}; a resolve carries only {@code routing_key, event_action,
 * dedup_key}. PagerDuty answers 202 (accepted), 400 (invalid event: final), 429 (throttled: retried) or 5xx.
 */
public final class PagerDutyPager implements Pager {
    /** PagerDuty's production endpoint base. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://events.pagerduty.com");
    /** The {@code client} field of a trigger. */
    public static final String CLIENT = "Release Gate";
    private final Secret routingKey;
    private final URI enqueue;
    private final String clientUrl;

    /** {@code clientUrl} (the build or report URL shown as the event's client link) may be null. */
    public PagerDutyPager(Secret routingKey, URI baseUrl, String clientUrl) {
        this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
        this.enqueue = enqueueUri(baseUrl == null ? DEFAULT_BASE_URL : baseUrl);
        this.clientUrl = clientUrl;
    }

    /** PagerDuty's limit for one event. */
    static final int MAX_EVENT_BYTES = 512 * 1024;

    @Override
    public Delivery deliver(Page page, Duration timeout) {
        return HttpDelivery.post(enqueue, body(page, routingKey.value(), clientUrl), Map.of(), timeout,
                List.of(routingKey));
    }

    /**
     * The event's bytes; when they exceed PagerDuty's 512 KB, {@code custom_details} is replaced by a note (the
     * page itself, summary and links, still goes out rather than being refused with a 400).
     */
    static byte[] body(Page page, String routingKey, String clientUrl) {
        ObjectNode event = event(page, routingKey, clientUrl);
        byte[] bytes = PageJson.bytes(event);
        if (bytes.length > MAX_EVENT_BYTES && event.has("payload")) {
            ((ObjectNode) event.get("payload")).putObject("custom_details").put("note", "the custom details ("
                    + bytes.length + " bytes with the event) exceed PagerDuty's 512 KB limit; see the links");
            bytes = PageJson.bytes(event);
        }
        return bytes;
    }

    /** The exact event body for {@code page}. */
    static ObjectNode event(Page page, String routingKey, String clientUrl) {
        ObjectNode event = PageJson.MAPPER.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("event_action", page.action().wire());
        event.put("dedup_key", page.dedupKey());
        if (page.action() == PageAction.RESOLVE) {
            return event;
        }
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", page.summary());
        payload.put("source", page.source());
        payload.put("severity", page.severity().wire());
        payload.put("timestamp", page.timestamp().toString());
        PageJson.putIfPresent(payload, "component", page.component());
        PageJson.putIfPresent(payload, "group", page.group());
        PageJson.putIfPresent(payload, "class", page.eventClass());
        payload.set("custom_details", PageJson.MAPPER.valueToTree(page.customDetails()));
        if (!page.links().isEmpty()) {
            event.set("links", PageJson.links(page));
        }
        event.put("client", CLIENT);
        PageJson.putIfPresent(event, "client_url", clientUrl);
        return event;
    }

    private static URI enqueueUri(URI base) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/v2/enqueue");
    }

    @Override
    public String toString() {
        return "PagerDutyPager[" + enqueue + ", routingKey=" + routingKey.reference() + "]";
    }
}
