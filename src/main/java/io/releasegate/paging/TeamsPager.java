package io.releasegate.paging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/**
 * Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is received"): POSTs a message with
 * one Adaptive Card 1.4 attachment: a title, the summary, a FactSet (severity, source, dedup key, custom details)
 * and {@code Action.OpenUrl} actions for the links. The workflow URL is the secret; Workflows answer 202.
 */
public final class TeamsPager implements Pager {
    static final String CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private final UrlPoster poster;

    public TeamsPager(Secret workflowUrl) {
        this.poster = new UrlPoster(workflowUrl);
    }

    @Override
    public Delivery deliver(Page page, Duration timeout) {
        return poster.post(PageJson.bytes(message(page)), Map.of(), timeout);
    }

    /** The exact message body for {@code page}. */
    static ObjectNode message(Page page) {
        ObjectNode message = PageJson.MAPPER.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject().put("contentType", CONTENT_TYPE);
        ObjectNode card = attachment.putObject("content")
                .put("$schema", CARD_SCHEMA).put("type", "AdaptiveCard").put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", SlackPager.title(page)).put("weight", "Bolder")
                .put("size", "Medium").put("color", color(page)).put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", page.summary()).put("wrap", true);
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Severity", page.severity().wire());
        fact(facts, "Source", page.source());
        fact(facts, "Dedup key", page.dedupKey());
        fact(facts, "Time", page.timestamp().toString());
        page.customDetails().forEach((key, value) -> fact(facts, key, PageJson.plain(value)));
        if (!page.links().isEmpty()) {
            ArrayNode actions = card.putArray("actions");
            for (Link link : page.links()) {
                actions.addObject().put("type", "Action.OpenUrl")
                        .put("title", link.text().isEmpty() ? link.href() : link.text()).put("url", link.href());
            }
        }
        return message;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value);
    }

    private static String color(Page page) {
        if (page.action() == PageAction.RESOLVE) {
            return "Good";
        }
        return switch (page.severity()) {
            case CRITICAL, ERROR -> "Attention";
            case WARNING -> "Warning";
            case INFO -> "Default";
        };
    }

    @Override
    public String toString() {
        return "TeamsPager[" + poster.reference() + "]";
    }
}
