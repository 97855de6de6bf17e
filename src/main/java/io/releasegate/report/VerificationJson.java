package io.releasegate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.stats.GofResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON report of {@code verify --format json}: exactly verdict, requests, errors, observed, expected,
 * test {name, statistic, pValue, alpha}, missing, unexpected, health, drift, reasons, durationMs.
 */
public final class VerificationJson {
    private static final ObjectMapper MAPPER = Json.mapper();

    private VerificationJson() {
    }

    public static ObjectNode toTree(VerificationResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("verdict", result.verdict().name());
        root.put("requests", result.requests());
        root.put("errors", result.errors());
        ObjectNode observed = root.putObject("observed");
        result.observed().forEach(observed::put);
        result.tally().unexpected().forEach(observed::put);
        ObjectNode expected = root.putObject("expected");
        result.expected().forEach(expected::put);
        ObjectNode test = root.putObject("test");
        GofResult gof = result.test();
        test.put("name", gof.name());
        putNumber(test, "statistic", gof.statistic());
        putNumber(test, "pValue", gof.pValue());
        test.put("alpha", gof.alpha());
        strings(root.putArray("missing"), result.missing());
        strings(root.putArray("unexpected"), result.unexpected());
        checks(root.putArray("health"), result.health());
        checks(root.putArray("drift"), result.drift());
        strings(root.putArray("reasons"), result.reasons());
        root.put("durationMs", result.durationMs());
        return root;
    }

    /** One result as an object; several (one per pool) as an array of them. */
    public static String toJson(List<VerificationResult> results) {
        if (results.size() == 1) {
            return Json.write(toTree(results.get(0)));
        }
        ArrayNode array = MAPPER.createArrayNode();
        results.forEach(r -> array.add(toTree(r)));
        return Json.write(array);
    }

    public static String toJson(VerificationResult result) {
        return toJson(List.of(result));
    }

    public static void write(VerificationResult result, Path file) throws IOException {
        ReportFiles.write(file, toJson(result));
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void checks(ArrayNode array, List<CheckResult> checks) {
        for (CheckResult check : checks) {
            ObjectNode node = array.addObject();
            node.put("subject", check.subject());
            node.put("status", check.status().name());
            node.put("reason", check.reason());
        }
    }
}
