package io.releasegate.paging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.releasegate.log.Redaction;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps the {@code escalation:} tree to {@link EscalationConfig}, with errors naming file, line and key. */
final class EscalationConfigReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Set<String>> KEYS = Map.of(
            "pagerduty", Set.of("type", "routingKey", "baseUrl", "clientUrl"),
            "slack", Set.of("type", "url"),
            "teams", Set.of("type", "url"),
            "webhook", Set.of("type", "url", "hmacSecret"),
            "email", Set.of("type", "smtpHost", "smtpPort", "from", "to", "startTls", "username", "password"));
    private static final Set<String> ESCALATION_KEYS = Set.of("chain", "contacts", "retry");
    private static final Set<String> RETRY_KEYS = Set.of("maxAttempts", "initialBackoffMs", "maxBackoffMs",
            "attemptTimeoutMs", "deadlineMs", "maxRetryAfterMs");

    private final String file;
    private final Map<String, Integer> lines;
    /** Checks every secret reference against the operator's rules before anything is read; null: no check. */
    private final Secrets secrets;

    private EscalationConfigReader(String file, Map<String, Integer> lines, Secrets secrets) {
        this.file = file;
        this.lines = lines == null ? Map.of() : lines;
        this.secrets = secrets;
    }

    static EscalationConfig fromYaml(Path path, Secrets secrets) throws EscalationConfigException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EscalationConfigException(path.toString(), 0, "escalation",
                    "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
        return fromYaml(path.toString(), text, secrets);
    }

    static EscalationConfig fromYaml(String name, String text, Secrets secrets) throws EscalationConfigException {
        Path path = Path.of(name);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new EscalationConfigException(path.toString(), line, "escalation",
                    "not valid YAML: " + e.getOriginalMessage());
        }
        EscalationConfigReader reader = new EscalationConfigReader(path.toString(), lineIndex(text), secrets);
        if (root == null || !root.isObject() || !root.has("escalation")) {
            throw reader.error("escalation", "the file has no escalation: section");
        }
        return reader.read(root.get("escalation"));
    }

    static EscalationConfig fromJson(JsonNode escalation, String file, Map<String, Integer> lines, Secrets secrets)
            throws EscalationConfigException {
        return new EscalationConfigReader(file, lines, secrets).read(escalation);
    }

    private EscalationConfig read(JsonNode escalation) throws EscalationConfigException {
        requireObject(escalation, "escalation");
        unknownKeys(escalation, "escalation", ESCALATION_KEYS);
        JsonNode contactsNode = escalation.get("contacts");
        requireObject(contactsNode, "escalation.contacts");
        if (contactsNode.isEmpty()) {
            throw error("escalation.contacts", "no contacts are defined");
        }
        Map<String, ContactConfig> contacts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = contactsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            contacts.put(entry.getKey(), contact(entry.getKey(), entry.getValue()));
        }
        List<String> chain = chain(escalation.get("chain"), contacts);
        RetryPolicy retry = escalation.has("retry") ? retry(escalation.get("retry")) : RetryPolicy.DEFAULT;
        return new EscalationConfig(chain, contacts, retry);
    }

    private List<String> chain(JsonNode node, Map<String, ContactConfig> contacts) throws EscalationConfigException {
        if (node == null || node.isNull()) {
            return new ArrayList<>(contacts.keySet());
        }
        if (!node.isArray() || node.isEmpty()) {
            throw error("escalation.chain", "must be a non-empty list of contact names");
        }
        List<String> chain = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String key = "escalation.chain[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw error(key, "must be a contact name");
            }
            String name = item.asText();
            if (!contacts.containsKey(name)) {
                throw error(key, "no contact '" + name + "' in escalation.contacts (known: "
                        + String.join(", ", contacts.keySet()) + ")");
            }
            if (chain.contains(name)) {
                throw error(key, "contact '" + name + "' appears twice in the chain");
            }
            chain.add(name);
        }
        return chain;
    }

    private ContactConfig contact(String name, JsonNode node) throws EscalationConfigException {
        String base = "escalation.contacts." + name;
        requireObject(node, base);
        String type = string(node, base, "type", true);
        Set<String> allowed = KEYS.get(type);
        if (allowed == null) {
            throw error(base + ".type", "unknown contact type '" + type
                    + "' (expected pagerduty, slack, teams, webhook or email)");
        }
        unknownKeys(node, base, allowed);
        return switch (type) {
            case "pagerduty" -> new ContactConfig.PagerDuty(name, secret(node, base, "routingKey", true),
                    url(node, base, "baseUrl"), url(node, base, "clientUrl"));
            case "slack" -> new ContactConfig.Slack(name, secret(node, base, "url", true));
            case "teams" -> new ContactConfig.Teams(name, secret(node, base, "url", true));
            case "webhook" -> new ContactConfig.Webhook(name, secret(node, base, "url", true),
                    secret(node, base, "hmacSecret", false));
            default -> email(name, node, base);
        };
    }

    private ContactConfig email(String name, JsonNode node, String base) throws EscalationConfigException {
        int port = integer(node, base, "smtpPort", 25);
        if (port < 1 || port > 65535) {
            throw error(base + ".smtpPort", "must be between 1 and 65535, got " + port);
        }
        List<String> to = new ArrayList<>();
        JsonNode toNode = node.get("to");
        if (toNode != null && toNode.isTextual()) {
            to.add(toNode.asText());
        } else if (toNode != null && toNode.isArray()) {
            for (JsonNode item : toNode) {
                to.add(item.asText());
            }
        }
        if (to.isEmpty() || to.stream().anyMatch(address -> !address.contains("@"))) {
            throw error(base + ".to", "must be an email address or a non-empty list of them");
        }
        String from = string(node, base, "from", true);
        if (!from.contains("@")) {
            throw error(base + ".from", "'" + from + "' is not an email address");
        }
        String username = string(node, base, "username", false);
        String password = secret(node, base, "password", false);
        if ((username == null) != (password == null)) {
            throw error(base + (username == null ? ".username" : ".password"),
                    "username and password must be given together");
        }
        JsonNode startTls = node.get("startTls");
        if (startTls != null && !startTls.isBoolean()) {
            throw error(base + ".startTls", "must be true or false");
        }
        return new ContactConfig.Email(name, string(node, base, "smtpHost", true), port, from, to,
                startTls != null && startTls.asBoolean(), username, password);
    }

    private RetryPolicy retry(JsonNode node) throws EscalationConfigException {
        requireObject(node, "escalation.retry");
        unknownKeys(node, "escalation.retry", RETRY_KEYS);
        RetryPolicy d = RetryPolicy.DEFAULT;
        try {
            return new RetryPolicy(integer(node, "escalation.retry", "maxAttempts", d.maxAttempts()),
                    millis(node, "initialBackoffMs", d.initialBackoff()), millis(node, "maxBackoffMs", d.maxBackoff()),
                    millis(node, "attemptTimeoutMs", d.attemptTimeout()), millis(node, "deadlineMs", d.deadline()),
                    millis(node, "maxRetryAfterMs", d.maxRetryAfter()));
        } catch (IllegalArgumentException e) {
            throw error("escalation.retry", e.getMessage());
        }
    }

    private Duration millis(JsonNode node, String field, Duration fallback) throws EscalationConfigException {
        return Duration.ofMillis(integer(node, "escalation.retry", field, (int) fallback.toMillis()));
    }

    private String secret(JsonNode node, String base, String field, boolean required)
            throws EscalationConfigException {
        String value = string(node, base, field, required);
        if (value != null && !Secrets.isReference(value)) {
            // the value is not echoed: it may be the secret itself
            throw error(base + "." + field, "must be env:NAME or file:PATH; secrets never go in the policy file");
        }
        if (value != null && secrets != null) {
            try {
                secrets.check(value);
            } catch (IllegalArgumentException e) {
                throw error(base + "." + field, e.getMessage());
            }
        }
        return value;
    }

    private String url(JsonNode node, String base, String field) throws EscalationConfigException {
        String value = string(node, base, field, false);
        if (value != null) {
            try {
                URI uri = new URI(value);
                if (uri.getHost() == null || !(value.startsWith("http://") || value.startsWith("https://"))) {
                    throw new java.net.URISyntaxException(value, "not an absolute http(s) URL");
                }
            } catch (java.net.URISyntaxException e) {
                throw error(base + "." + field, "'" + Redaction.url(value) + "' is not an absolute http(s) URL");
            }
        }
        return value;
    }

    private String string(JsonNode node, String base, String field, boolean required)
            throws EscalationConfigException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw error(base + "." + field, "is required");
            }
            return null;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw error(base + "." + field, "must be a non-empty string");
        }
        return value.asText();
    }

    private int integer(JsonNode node, String base, String field, int fallback) throws EscalationConfigException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw error(base + "." + field, "must be a whole number, got '" + value.asText() + "'");
        }
        return value.asInt();
    }

    private void requireObject(JsonNode node, String key) throws EscalationConfigException {
        if (node == null || node.isNull()) {
            throw error(key, "is required");
        }
        if (!node.isObject()) {
            throw error(key, "must be a mapping");
        }
    }

    private void unknownKeys(JsonNode node, String base, Set<String> allowed) throws EscalationConfigException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw error(base + "." + field, "unknown key (expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private EscalationConfigException error(String key, String reason) {
        return new EscalationConfigException(file, line(key), key, reason);
    }

    /** The line of the longest prefix of {@code key} that the file has. */
    private int line(String key) {
        String pointer = "/" + key.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        while (!pointer.isEmpty()) {
            Integer line = lines.get(pointer);
            if (line != null) {
                return line;
            }
            int slash = pointer.lastIndexOf('/');
            pointer = slash <= 0 ? "" : pointer.substring(0, slash);
        }
        return 0;
    }

    /** Maps each JSON pointer of the document (with dots in names kept) to the line where it starts. */
    private static Map<String, Integer> lineIndex(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonPointer pointer = parser.getParsingContext().pathAsPointer();
                String path = pointer.toString().replace("~1", "/").replace("~0", "~");
                lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // the tree was parsed already; without an index errors simply carry no line
        }
        return lines;
    }
}
