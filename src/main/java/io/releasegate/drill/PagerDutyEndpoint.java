package io.releasegate.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A local endpoint that speaks the PagerDuty Events API v2 on 127.0.0.1: {@code POST /v2/enqueue} with a JSON event
 * answers {@code 202 {"status":"success","message":"Event processed","dedup_key":...}} and records the event;
 * a wrong routing key, an unknown {@code event_action}, a missing {@code dedup_key} (for resolve) or a trigger
 * without {@code payload.summary/source/severity} answers {@code 400 {"status":"invalid event",...}}, as PagerDuty
 * does. {@code GET /v2/events} lists what was accepted (for exploring the drill).
 */
public final class PagerDutyEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private final String routingKey;
    private final HttpServer server;
    private final List<Event> events = new ArrayList<>();
    private int rejected;

    /** An accepted event: when it arrived, its action, dedup key, severity (empty for resolve) and whole body. */
    public record Event(Instant received, long receivedNanos, String action, String dedupKey, String severity,
            String summary, JsonNode body) {
    }

    private PagerDutyEndpoint(String routingKey) throws IOException {
        this.routingKey = routingKey;
        this.server = Loopback.server(0, 2, "drill-pagerduty");
        server.createContext("/v2/enqueue", this::enqueue);
        server.createContext("/v2/events", this::list);
        server.start();
    }

    /** Starts the endpoint on a free loopback port, accepting events for {@code routingKey} only. */
    public static PagerDutyEndpoint start(String routingKey) throws IOException {
        return new PagerDutyEndpoint(routingKey);
    }

    /** The base URL to configure as the contact's {@code baseUrl}. */
    public URI baseUrl() {
        return URI.create("http://" + Loopback.HOST + ":" + server.getAddress().getPort());
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Requests answered 400. */
    public synchronized int rejected() {
        return rejected;
    }

    private void enqueue(HttpExchange exchange) throws IOException {
        long nanos = System.nanoTime();
        if (!exchange.getRequestMethod().equals("POST")) {
            Loopback.respond(exchange, 405, "application/json", "{\"status\":\"method not allowed\"}");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            invalid(exchange, "Event object is invalid", "body is not JSON");
            return;
        }
        String problem = problem(body);
        if (problem != null) {
            invalid(exchange, "Event object is invalid", problem);
            return;
        }
        String action = body.get("event_action").asText();
        String dedupKey = body.path("dedup_key").asText("");
        synchronized (this) {
            events.add(new Event(Instant.now(), nanos, action, dedupKey, body.path("payload").path("severity")
                    .asText(""), body.path("payload").path("summary").asText(""), body));
        }
        ObjectNode answer = JSON.createObjectNode().put("status", "success").put("message", "Event processed")
                .put("dedup_key", dedupKey);
        Loopback.respond(exchange, 202, "application/json", JSON.writeValueAsString(answer));
    }

    private String problem(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "the event must be a JSON object";
        }
        if (!routingKey.equals(body.path("routing_key").asText(null))) {
            return "routing_key is missing or unknown";
        }
        String action = body.path("event_action").asText("");
        if (!ACTIONS.contains(action)) {
            return "event_action must be trigger, acknowledge or resolve";
        }
        if (!action.equals("trigger")) {
            return body.path("dedup_key").asText("").isEmpty() ? "dedup_key is required for " + action : null;
        }
        JsonNode payload = body.path("payload");
        if (payload.path("summary").asText("").isEmpty() || payload.path("summary").asText().length() > 1024) {
            return "payload.summary is required (at most 1024 characters)";
        }
        if (payload.path("source").asText("").isEmpty()) {
            return "payload.source is required";
        }
        if (!SEVERITIES.contains(payload.path("severity").asText(""))) {
            return "payload.severity must be critical, error, warning or info";
        }
        return null;
    }

    private void invalid(HttpExchange exchange, String message, String error) throws IOException {
        synchronized (this) {
            rejected++;
        }
        ObjectNode answer = JSON.createObjectNode().put("status", "invalid event").put("message", message);
        answer.putArray("errors").add(error);
        Loopback.respond(exchange, 400, "application/json", JSON.writeValueAsString(answer));
    }

    private void list(HttpExchange exchange) throws IOException {
        var array = JSON.createArrayNode();
        for (Event event : events()) {
            ObjectNode node = array.addObject().put("received", event.received().toString())
                    .put("event_action", event.action()).put("dedup_key", event.dedupKey());
            node.set("event", event.body().deepCopy());
            ((ObjectNode) node.get("event")).put("routing_key", "(hidden)");
        }
        Loopback.respond(exchange, 200, "application/json", JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(array));
    }

    @Override
    public void close() {
        Loopback.stop(server);
    }
}
