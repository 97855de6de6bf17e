package io.releasegate.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releasegate.paging.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The watch's memory between runs ({@code --state FILE}): which causes fail, for how many cycles, and which are
 * paged and to whom. A {@code watch --once} run from cron or a Jenkins job reads it first and writes it after its
 * cycle, so consecutive failing runs count and a later run resolves what an earlier one paged.
 */
public final class WatchState {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WatchState() {
    }

    /** The state of {@code incidents} as JSON. */
    public static String toJson(Incidents incidents) {
        ObjectNode root = JSON.createObjectNode().put("version", 1);
        ArrayNode list = root.putArray("incidents");
        for (Map.Entry<String, Incidents.Streak> entry : incidents.open().entrySet()) {
            Incidents.Streak streak = entry.getValue();
            Finding last = streak.last();
            ObjectNode item = list.addObject().put("pool", last.pool()).put("cause", last.cause())
                    .put("severity", last.severity().wire()).put("summary", last.summary())
                    .put("afterCycles", last.afterCycles()).put("cycles", streak.cycles())
                    .put("triggered", streak.triggered()).put("escalated", Incidents.escalated(streak))
                    .put("severityRank", Incidents.severityRank(streak));
            last.details().forEach(item.putArray("details")::add);
            last.owner().forEach(item.putArray("owner")::add);
            Incidents.deliveredTo(streak).forEach(item.putArray("deliveredTo")::add);
            Incidents.routes(streak).forEach(item.putArray("routes")::add);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialize", e);
        }
    }

    /**
     * Restores {@code json} into {@code incidents}.
     *
     * @throws IllegalArgumentException naming what is wrong, when the text is not a state file
     */
    public static void restore(String json, Incidents incidents) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a watch state file: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.path("version").asInt() != 1 || !root.path("incidents").isArray()) {
            throw new IllegalArgumentException("not a watch state file (version 1 with a list of incidents)");
        }
        for (JsonNode item : root.path("incidents")) {
            Finding last = new Finding(text(item, "pool"), text(item, "cause"),
                    Severity.parse(text(item, "severity")), text(item, "summary"), strings(item, "details"),
                    Math.max(1, item.path("afterCycles").asInt(1)), strings(item, "owner"));
            incidents.restore(last, item.path("cycles").asInt(), item.path("triggered").asBoolean(),
                    item.path("escalated").asBoolean(), item.path("severityRank").asInt(-1),
                    strings(item, "deliveredTo"), strings(item, "routes"));
        }
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("watch state: an incident without '" + field + "'");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode item, String field) {
        List<String> values = new ArrayList<>();
        item.path(field).forEach(value -> values.add(value.asText()));
        return values;
    }
}
