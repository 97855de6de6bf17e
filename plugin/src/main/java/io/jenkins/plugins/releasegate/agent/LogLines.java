package io.jenkins.plugins.releasegate.agent;

import io.releasegate.log.BufferedLog;
import io.releasegate.log.LogSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's log of agent-side work as data that crosses the remoting channel inside the callable's JSON answer:
 * a {@link BufferedLog} on the agent, {@code [{level, message}]} on the wire, replayed into the build log's
 * {@link LogSink} on the controller.
 */
public final class LogLines {
    private LogLines() {
    }

    /** The entries of {@code log}, in order, as {@code {level: INFO|WARN|ERROR, message}}. */
    public static List<Map<String, String>> of(BufferedLog log) {
        List<Map<String, String>> lines = new ArrayList<>();
        for (BufferedLog.Entry entry : log.entries()) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("level", entry.level().name());
            line.put("message", entry.message());
            lines.add(line);
        }
        return lines;
    }

    /** Writes {@code lines} (as produced by {@link #of}) to {@code sink}, in order. */
    public static void replay(List<Object> lines, LogSink sink) {
        for (Object item : lines) {
            Map<String, Object> line = JsonMaps.map(item);
            String message = JsonMaps.string(line, "message", "");
            switch (JsonMaps.string(line, "level", "INFO")) {
                case "WARN" -> sink.warn("%s", message);
                case "ERROR" -> sink.error("%s", message);
                default -> sink.info("%s", message);
            }
        }
    }
}
