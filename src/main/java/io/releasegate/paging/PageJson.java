package io.releasegate.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The neutral JSON form of a {@link Page}: the generic webhook's body and the outbox's record.
 * {@code {"action","dedupKey","summary","severity","source","component","group","class","timestamp",
 * "customDetails","links":[{"href","text"}]}}; absent optional fields are left out.
 */
public final class PageJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {
    };

    private PageJson() {
    }

    public static ObjectNode toJson(Page page) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("action", page.action().wire());
        node.put("dedupKey", page.dedupKey());
        node.put("summary", page.summary());
        node.put("severity", page.severity().wire());
        node.put("source", page.source());
        putIfPresent(node, "component", page.component());
        putIfPresent(node, "group", page.group());
        putIfPresent(node, "class", page.eventClass());
        node.put("timestamp", page.timestamp().toString());
        node.set("customDetails", MAPPER.valueToTree(page.customDetails()));
        node.set("links", links(page));
        return node;
    }

    /** Reads the form written by {@link #toJson(Page)}; throws {@link IllegalArgumentException} naming the field. */
    public static Page fromJson(JsonNode node) {
        try {
            PageAction action = PageAction.valueOf(text(node, "action").toUpperCase(java.util.Locale.ROOT));
            Map<String, Object> details = node.has("customDetails")
                    ? MAPPER.convertValue(node.get("customDetails"), DETAILS) : Map.<String, Object>of();
            List<Link> links = new ArrayList<>();
            for (JsonNode link : node.path("links")) {
                links.add(new Link(link.path("href").asText(), link.path("text").asText("")));
            }
            return new Page(action, text(node, "dedupKey"), text(node, "summary"),
                    Severity.parse(text(node, "severity")), text(node, "source"), optional(node, "component"),
                    optional(node, "group"), optional(node, "class"), Instant.parse(text(node, "timestamp")),
                    details, links);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("page: timestamp is not an ISO-8601 instant", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("page: " + e.getMessage(), e);
        }
    }

    /** The exact bytes sent as a body. */
    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static ArrayNode links(Page page) {
        ArrayNode links = MAPPER.createArrayNode();
        for (Link link : page.links()) {
            ObjectNode item = links.addObject();
            item.put("href", link.href());
            item.put("text", link.text());
        }
        return links;
    }

    static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** A custom-detail value as one line of text (strings as they are, everything else as JSON). */
    static String plain(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return value.asText();
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
