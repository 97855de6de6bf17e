package io.releasegate.policy;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRule;
import io.releasegate.config.YamlNode;
import io.releasegate.diff.ChangeDigest;
import io.releasegate.diff.ChangeKind;
import io.releasegate.log.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A policy as a flat list of keys and their effective values in words: what its canonical form (part of the digest
 * an approval is pinned to) and its changes are made of. Only meaning counts: formatting, comments, key order and a
 * key that restates a default are not seen. Values are safe to show: user information of URLs is redacted, and a
 * secret field of a contact that holds anything but a reference is not shown.
 */
final class PolicyTerms {
    /** Fields of an escalation contact that hold secret references ({@code env:}, {@code file:}). */
    private static final Set<String> SECRET_FIELDS = Set.of("routingKey", "url", "hmacSecret", "password");
    static final String NOT_SET = "not set";
    /**
     * The kinds added after the policy's canonical form was first pinned (holds, checkout attributes): like the holds
     * settings, terms only where a policy sets them otherwise, so that every digest given before stays the same.
     */
    private static final Set<ChangeKind> LATER_KINDS = Set.of(ChangeKind.HOLD_ADDED, ChangeKind.HOLD_EXTENDED,
            ChangeKind.HOLD_REMOVED, ChangeKind.CHECKOUT_CHANGED);

    /**
     * One key of the policy.
     *
     * @param path  the key's path, e.g. {@code [review, threshold]} or {@code [escalation, contacts, pd, baseUrl]}
     * @param value the effective value in words, safe to show
     * @param line  the 1-based line that sets it in the file, 0 when it is a default
     * @param raw   the value as written, before URL user information and literal secrets were hidden: only for
     *              telling two values apart, never shown
     */
    record Term(List<String> path, String value, int line, String raw) {
        Term {
            path = List.copyOf(path);
        }

        String key() {
            return String.join(".", path);
        }
    }

    private PolicyTerms() {
    }

    /**
     * Every key of {@code policy}, in the file's order of sections (files, risk, review, holds, verify, watch,
     * escalation).
     *
     * @param root the policy file as read, for the lines; empty for the built-in defaults
     */
    static Map<String, Term> of(Policy policy, Optional<YamlNode> root) {
        Map<String, Term> terms = new LinkedHashMap<>();
        List<String> rules = new ArrayList<>();
        for (FileRule rule : policy.files()) {
            rules.add(rule.glob() + " (" + rule.format().id() + ")");
        }
        put(terms, root, List.of("files"), rules.isEmpty() ? "(none: files are recognised by content)"
                : String.join("; ", rules));
        Policy defaults = Policy.defaults();
        for (ChangeKind kind : ChangeKind.values()) {
            if (LATER_KINDS.contains(kind) && policy.riskOf(kind) == defaults.riskOf(kind)) {
                continue; // as for the holds settings below: only where a policy sets them otherwise
            }
            put(terms, root, List.of("risk", "kinds", kind.name()), policy.riskOf(kind).name());
        }
        put(terms, root, List.of("risk", "capacityReducedHighPercent"),
                Integer.toString(policy.capacityHighPercent()));
        put(terms, root, List.of("review", "threshold"), policy.reviewThreshold().name());
        for (Risk risk : Risk.values()) {
            put(terms, root, List.of("review", "approvals", risk.name()),
                    Integer.toString(policy.approvalsFor(risk)));
        }
        put(terms, root, List.of("review", "reviewers"), policy.reviewers().isEmpty() ? "(none named)"
                : String.join(", ", new TreeSet<>(policy.reviewers())));
        put(terms, root, List.of("review", "maxAge"), policy.approvalMaxAge().map(Durations::format)
                .orElse("never"));
        // the holds settings count only where they differ from the defaults, so that a policy without them keeps the
        // canonical form (and digests) it had before holds existed
        HoldPolicy holds = policy.holds();
        if (!holds.maxDuration().equals(HoldPolicy.DEFAULTS.maxDuration())) {
            put(terms, root, List.of("holds", "maxDuration"), Durations.format(holds.maxDuration()));
        }
        if (!holds.reminder().equals(HoldPolicy.DEFAULTS.reminder())) {
            put(terms, root, List.of("holds", "reminder"), Durations.format(holds.reminder()));
        }
        holds.plannedRisk().ifPresent(risk -> put(terms, root, List.of("holds", "plannedRisk"), risk.name()));
        policy.verify().ifPresent(section -> tree(terms, root, new ArrayList<>(List.of("verify")), section));
        policy.watch().ifPresent(section -> tree(terms, root, new ArrayList<>(List.of("watch")), section));
        policy.escalation().ifPresent(section -> tree(terms, root, new ArrayList<>(List.of("escalation")),
                section));
        return terms;
    }

    /**
     * The canonical form: one {@code key=value} line per key, sorted. Two policies that mean the same have the same
     * form, whatever their formatting.
     */
    static String canonical(Policy policy) {
        Map<String, String> sorted = new TreeMap<>();
        of(policy, Optional.empty()).values().forEach(term -> sorted.put(term.key(), term.value()));
        StringBuilder text = new StringBuilder();
        sorted.forEach((key, value) -> text.append(key).append('=').append(value.replace("\n", "\\n")).append('\n'));
        return text.toString();
    }

    /** {@code sha256:<hex>} of the canonical form. */
    static String digest(Policy policy) {
        return ChangeDigest.sha256(canonical(policy));
    }

    /** Whether the key is a secret field of an escalation contact ({@code escalation.contacts.NAME.FIELD}). */
    static boolean isContactField(List<String> path) {
        return path.size() >= 4 && path.get(0).equals("escalation") && path.get(1).equals("contacts");
    }

    /** The keys below a verify: or escalation: node; lists of plain values are one key. */
    private static void tree(Map<String, Term> terms, Optional<YamlNode> root, List<String> path, YamlNode node) {
        switch (node.kind()) {
            case MAP -> {
                Map<String, YamlNode> entries = entries(node);
                if (entries.isEmpty()) {
                    put(terms, root, path, "(empty)");
                }
                for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
                    List<String> child = new ArrayList<>(path);
                    child.add(entry.getKey());
                    tree(terms, root, child, entry.getValue());
                }
            }
            case LIST -> {
                List<YamlNode> items = items(node);
                if (items.stream().allMatch(item -> item.kind() == YamlNode.Kind.SCALAR)) {
                    List<String> values = new ArrayList<>();
                    items.forEach(item -> values.add(scalar(item)));
                    put(terms, root, path, values.isEmpty() ? "(empty)" : String.join(", ", values));
                } else {
                    for (int i = 0; i < items.size(); i++) {
                        List<String> child = new ArrayList<>(path);
                        child.add("[" + i + "]");
                        tree(terms, root, child, items.get(i));
                    }
                }
            }
            case SCALAR -> put(terms, root, path, scalar(node));
            default -> {
                // null: the same as absent
            }
        }
    }

    private static void put(Map<String, Term> terms, Optional<YamlNode> root, List<String> path, String value) {
        String shown = value;
        if (isContactField(path) && SECRET_FIELDS.contains(path.get(path.size() - 1))
                && !(value.startsWith("env:") || value.startsWith("file:"))) {
            shown = "(a literal value, not shown)";
        }
        Term term = new Term(path, Redaction.isUrl(shown) ? Redaction.url(shown) : Redaction.text(shown),
                root.map(node -> line(node, path)).orElse(0), value);
        terms.put(term.key(), term);
    }

    /** The line of the deepest node of {@code path} that the file has. */
    private static int line(YamlNode root, List<String> path) {
        YamlNode node = root;
        int line = 0;
        for (String segment : path) {
            if (node.kind() != YamlNode.Kind.MAP) {
                break;
            }
            YamlNode next = entries(node).get(segment);
            if (next == null) {
                break;
            }
            node = next;
            line = node.line();
        }
        return line;
    }

    private static String scalar(YamlNode node) {
        try {
            return node.asText().strip();
        } catch (ConfigParseException e) {
            throw new IllegalStateException("a scalar node has text", e);
        }
    }

    private static Map<String, YamlNode> entries(YamlNode node) {
        try {
            return node.entries();
        } catch (ConfigParseException e) {
            throw new IllegalStateException("a map node has entries", e);
        }
    }

    private static List<YamlNode> items(YamlNode node) {
        try {
            return node.items();
        } catch (ConfigParseException e) {
            throw new IllegalStateException("a list node has items", e);
        }
    }
}
