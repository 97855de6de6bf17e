package io.releasegate.policy;

import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRule;
import io.releasegate.config.FileRules;
import io.releasegate.config.YamlNode;
import io.releasegate.config.YamlReader;
import io.releasegate.diff.ChangeKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads {@code .releasegate.yml}. Every error names the file, the line and the key. See docs/policy.md. */
public final class PolicyLoader {
    /** The policy file's name at the repository root. */
    public static final String FILE_NAME = ".releasegate.yml";

    private PolicyLoader() {
    }

    /** Reads a policy's text; {@code source} names it in errors (and becomes {@link Policy#source()}). */
    public static Policy parse(String source, String content) throws ConfigParseException {
        return parse(YamlReader.read(source, content));
    }

    /** Reads a policy already read as YAML; its file name becomes {@link Policy#source()}. */
    static Policy parse(YamlNode root) throws ConfigParseException {
        String source = root.file();
        root.requireOnly("version", "files", "risk", "review", "verify", "escalation", "holds", "watch");
        if (root.get("version").isPresent()) {
            root.get("version").get().asInt(1, 1);
        }
        Policy defaults = Policy.defaults();
        List<FileRule> files = root.get("files").isPresent() ? files(root.get("files").get()) : List.of();
        Map<ChangeKind, Risk> kindRisk = new EnumMap<>(defaults.kindRisk());
        int capacityHigh = defaults.capacityHighPercent();
        if (root.get("risk").isPresent()) {
            YamlNode risk = root.get("risk").get();
            risk.requireOnly("kinds", "capacityReducedHighPercent");
            if (risk.get("kinds").isPresent()) {
                for (Map.Entry<String, YamlNode> entry : risk.get("kinds").get().entries().entrySet()) {
                    kindRisk.put(kind(entry.getKey(), entry.getValue()), risk(entry.getValue()));
                }
            }
            if (risk.get("capacityReducedHighPercent").isPresent()) {
                capacityHigh = risk.get("capacityReducedHighPercent").get().asInt(1, 100);
            }
        }
        Risk threshold = defaults.reviewThreshold();
        Map<Risk, Integer> approvals = new EnumMap<>(defaults.approvals());
        List<String> reviewers = List.of();
        Optional<Duration> maxAge = Optional.empty();
        if (root.get("review").isPresent()) {
            YamlNode review = root.get("review").get();
            review.requireOnly("threshold", "approvals", "reviewers", "maxAge");
            if (review.get("threshold").isPresent()) {
                threshold = risk(review.get("threshold").get());
            }
            if (review.get("approvals").isPresent()) {
                for (Map.Entry<String, YamlNode> entry : review.get("approvals").get().entries().entrySet()) {
                    Risk level = Risk.fromName(entry.getKey()).orElseThrow(() -> entry.getValue()
                            .error("unknown risk '" + entry.getKey() + "' (NONE, LOW, MEDIUM, HIGH, CRITICAL)"));
                    approvals.put(level, entry.getValue().asInt(0, 20));
                }
            }
            if (review.get("reviewers").isPresent()) {
                reviewers = review.get("reviewers").get().asTextList();
            }
            if (review.get("maxAge").isPresent()) {
                maxAge = Optional.of(duration(review.get("maxAge").get()));
            }
        }
        HoldPolicy holds = root.get("holds").isPresent() ? holds(root.get("holds").get()) : HoldPolicy.DEFAULTS;
        return new Policy(source, files, kindRisk, capacityHigh, threshold, approvals, reviewers, maxAge,
                root.get("verify"), root.get("escalation"), holds, root.get("watch"));
    }

    private static HoldPolicy holds(YamlNode node) throws ConfigParseException {
        node.requireOnly("maxDuration", "reminder", "plannedRisk");
        HoldPolicy defaults = HoldPolicy.DEFAULTS;
        Duration maxDuration = node.get("maxDuration").isPresent()
                ? positiveDuration(node.get("maxDuration").get()) : defaults.maxDuration();
        Duration reminder = node.get("reminder").isPresent()
                ? duration(node.get("reminder").get()) : defaults.reminder();
        Optional<Risk> planned = node.get("plannedRisk").isPresent()
                ? Optional.of(risk(node.get("plannedRisk").get())) : Optional.empty();
        return new HoldPolicy(maxDuration, reminder, planned);
    }

    private static Duration positiveDuration(YamlNode node) throws ConfigParseException {
        Duration duration = duration(node);
        if (duration.isZero()) {
            throw node.error("must be longer than 0");
        }
        return duration;
    }

    private static Duration duration(YamlNode node) throws ConfigParseException {
        Duration duration;
        try {
            duration = Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        if (duration.isNegative()) {
            throw node.error("must not be negative");
        }
        return duration;
    }

    private static List<FileRule> files(YamlNode node) throws ConfigParseException {
        List<FileRule> rules = new ArrayList<>();
        for (YamlNode item : node.items()) {
            item.requireOnly("glob", "format");
            YamlNode glob = item.get("glob").orElseThrow(() -> item.error("a file rule needs a 'glob'"));
            YamlNode format = item.get("format").orElseThrow(() -> item.error("a file rule needs a 'format'"));
            String formatName = format.asText();
            ConfigFormat parsed = ConfigFormat.fromName(formatName).orElseThrow(() -> format.error(
                    "unknown format '" + formatName + "' (haproxy, nginx, yaml, json)"));
            FileRule rule = new FileRule(glob.asText(), parsed);
            try {
                FileRules.of(List.of(rule));
            } catch (IllegalArgumentException e) {
                throw glob.error(e.getMessage());
            }
            rules.add(rule);
        }
        return rules;
    }

    private static ChangeKind kind(String name, YamlNode node) throws ConfigParseException {
        try {
            return ChangeKind.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw node.error("unknown change kind '" + name + "'");
        }
    }

    private static Risk risk(YamlNode node) throws ConfigParseException {
        String text = node.asText();
        return Risk.fromName(text).orElseThrow(() -> node.error(
                "unknown risk '" + text + "' (NONE, LOW, MEDIUM, HIGH, CRITICAL)"));
    }
}
