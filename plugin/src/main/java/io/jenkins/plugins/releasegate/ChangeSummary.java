package io.jenkins.plugins.releasegate;

import io.jenkins.plugins.releasegate.agent.JsonMaps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The map {@code releaseGateDiff} returns: the engine's diff JSON, with the keys a Jenkinsfile relies on always
 * present ({@code risk, reviewRequired, requiredApprovals, digest, changes, authors, base, head, summary}).
 */
final class ChangeSummary {
    private ChangeSummary() {
    }

    static Map<String, Object> complete(Map<String, Object> engine, String base, String head) {
        Map<String, Object> change = new LinkedHashMap<>(engine);
        change.putIfAbsent("base", base);
        change.putIfAbsent("head", head);
        change.putIfAbsent("risk", "NONE");
        change.putIfAbsent("reviewRequired", false);
        change.putIfAbsent("requiredApprovals", 0);
        change.putIfAbsent("changes", new ArrayList<>());
        change.putIfAbsent("authors", new ArrayList<>());
        change.put("summary", summary(change));
        return change;
    }

    /** {@code HIGH risk, 2 changes, review required (1 approval): Server web-02 removed from pool web. ...}. */
    static String summary(Map<String, Object> change) {
        List<Object> changes = JsonMaps.list(change, "changes");
        StringBuilder text = new StringBuilder(JsonMaps.string(change, "risk", "NONE")).append(" risk, ")
                .append(changes.size()).append(changes.size() == 1 ? " change" : " changes");
        if (JsonMaps.bool(change, "reviewRequired", false)) {
            int approvals = JsonMaps.integer(change, "requiredApprovals", 1);
            text.append(", review required (").append(approvals).append(approvals == 1 ? " approval)" : " approvals)");
        } else {
            text.append(", no review required");
        }
        List<String> messages = new ArrayList<>();
        for (Object item : changes) {
            String message = JsonMaps.string(JsonMaps.map(item), "message", null);
            if (message != null && messages.size() < 3) {
                messages.add(message);
            }
        }
        if (!messages.isEmpty()) {
            text.append(':');
            for (String message : messages) {
                text.append(' ').append(message.strip());
                if (!message.strip().endsWith(".")) {
                    text.append('.');
                }
            }
            if (changes.size() > messages.size()) {
                text.append(" (").append(changes.size() - messages.size()).append(" more)");
            }
        }
        return text.toString();
    }
}
