package io.jenkins.plugins.releasegate;

import io.jenkins.plugins.releasegate.agent.JsonMaps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One backend in the verification chart: its expected and observed share of the requests, in percent. Read from
 * the engine's verify JSON, whose {@code expected} and {@code observed} are either maps from server to number or
 * lists of objects with {@code server}/{@code name} and {@code share}/{@code weight}/{@code count}.
 */
public final class ShareBar {
    private final String server;
    private final double expectedPercent;
    private final double observedPercent;

    ShareBar(String server, double expectedPercent, double observedPercent) {
        this.server = server;
        this.expectedPercent = expectedPercent;
        this.observedPercent = observedPercent;
    }

    public String getServer() {
        return server;
    }

    public double getExpectedPercent() {
        return expectedPercent;
    }

    public double getObservedPercent() {
        return observedPercent;
    }

    /** {@code 49.8 %} for the expected share. */
    public String getExpectedLabel() {
        return label(expectedPercent);
    }

    public String getObservedLabel() {
        return label(observedPercent);
    }
    /** Bars for every server named in either the expectation or the observation, in that order. */
    static List<ShareBar> of(Map<String, Object> result) {
        Map<String, Double> expected = shares(result.get("expected"));
        Map<String, Double> observed = shares(result.get("observed"));
        Set<String> servers = new LinkedHashSet<>(expected.keySet());
        servers.addAll(observed.keySet());
        List<ShareBar> bars = new ArrayList<>();
        for (String server : servers) {
            bars.add(new ShareBar(server, expected.getOrDefault(server, 0.0), observed.getOrDefault(server, 0.0)));
        }
        return bars;
    }

    private static Map<String, Double> shares(Object value) {
        Map<String, Double> raw = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, number) -> raw.put(String.valueOf(key), number(number)));
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> entry = JsonMaps.map(item);
                String name = JsonMaps.string(entry, "server", JsonMaps.string(entry, "name", null));
                if (name != null) {
                    Object amount = entry.containsKey("share") ? entry.get("share")
                            : entry.containsKey("count") ? entry.get("count") : entry.get("weight");
                    raw.put(name, number(amount));
                }
            }
        }
        double total = raw.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> percent = new LinkedHashMap<>();
        raw.forEach((name, amount) -> percent.put(name, total > 0 ? 100.0 * amount / total : 0.0));
        return percent;
    }

    private static double number(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Map<?, ?> nested) {
            return number(nested.get(nested.containsKey("count") ? "count" : "share"));
        }
        try {
            return value == null ? 0 : Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String label(double percent) {
        return String.format(Locale.ROOT, "%.1f %%", percent);
    }
}
