package io.releasegate.paging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/**
 * Slack incoming webhook: POSTs {@code {"text": fallback, "blocks": [header, section, fields, links, context]}}.
 * The webhook URL is itself the secret. Slack answers 200 {@code ok}; 4xx (e.g. 404 {@code no_service}) is final.
 */
public final class SlackPager implements Pager {
    private static final int MAX_HEADER = 150;
    private static final int MAX_SECTION = 3000;
    private static final int MAX_FIELDS = 10;
    private static final int MAX_FIELD = 2000;
    private final UrlPoster poster;

    public SlackPager(Secret webhookUrl) {
        this.poster = new UrlPoster(webhookUrl);
    }

    @Override
    public Delivery deliver(Page page, Duration timeout) {
        return poster.post(PageJson.bytes(message(page)), Map.of(), timeout);
    }

    /** The exact message body for {@code page}. */
    static ObjectNode message(Page page) {
        ObjectNode message = PageJson.MAPPER.createObjectNode();
        message.put("text", title(page) + ": " + page.summary());
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Page.truncate(title(page), MAX_HEADER));
        blocks.add(mrkdwnSection(escape(page.summary())));
        if (!page.customDetails().isEmpty()) {
            ObjectNode section = blocks.addObject().put("type", "section");
            ArrayNode fields = section.putArray("fields");
            page.customDetails().entrySet().stream().limit(MAX_FIELDS).forEach(detail -> fields.addObject()
                    .put("type", "mrkdwn")
                    .put("text", Page.truncate("*" + escape(detail.getKey()) + "*\n"
                            + escape(PageJson.plain(detail.getValue())), MAX_FIELD)));
        }
        if (!page.links().isEmpty()) {
            StringBuilder links = new StringBuilder();
            for (Link link : page.links()) {
                links.append(links.length() == 0 ? "" : "  |  ").append('<').append(link.href()).append('|')
                        .append(escape(link.text().isEmpty() ? link.href() : link.text())).append('>');
            }
            blocks.add(mrkdwnSection(links.toString()));
        }
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text",
                "source `" + escape(page.source()) + "` | dedup key `" + escape(page.dedupKey()) + "` | "
                        + page.timestamp());
        return message;
    }

    /** {@code CRITICAL release gate alert} or {@code RESOLVED release gate alert}. */
    static String title(Page page) {
        String level = page.action() == PageAction.RESOLVE ? "RESOLVED" : page.severity().name();
        return level + " release gate alert" + (page.component() == null ? "" : " on " + page.component());
    }

    private static ObjectNode mrkdwnSection(String text) {
        ObjectNode section = PageJson.MAPPER.createObjectNode().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", Page.truncate(text, MAX_SECTION));
        return section;
    }

    /** Slack's control characters in mrkdwn. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return "SlackPager[" + poster.reference() + "]";
    }
}
