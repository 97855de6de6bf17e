package io.releasegate.diff;

import io.releasegate.config.Directive;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the statements outside the pool model of two versions of a file, as multisets (order and formatting do
 * not count), and reports each difference as OTHER_CHANGE, pairing a removed and an added statement of the same
 * scope and name as one "changed" sentence. A statement that answers, redirects or drops requests itself, so that
 * they reach no pool, is ROUTE_CHANGED instead.
 */
final class DirectiveDiff {
    private DirectiveDiff() {
    }

    /**
     * @param routedBy the variables a route's target is computed from ({@code proxy_pass http://$pool}): an edit of
     *                 the nginx {@code map} that sets one of them sends requests elsewhere
     */
    static List<Change> compare(String file, List<Directive> before, List<Directive> after, Set<String> routedBy) {
        List<Directive> removed = minus(before, after);
        List<Directive> added = minus(after, before);
        List<Change> changes = new ArrayList<>();
        for (Iterator<Directive> it = removed.iterator(); it.hasNext();) {
            Directive old = it.next();
            Directive now = takeSameName(added, old);
            if (now != null) {
                changes.add(change(routedBy, file, now.line(), now.scope(), old.text(), now.text(),
                        now.scope() + ": '" + old.text() + "' changed to '" + now.text() + "'."));
                it.remove();
            }
        }
        for (Directive old : removed) {
            changes.add(change(routedBy, file, old.line(), old.scope(), old.text(), "",
                    old.scope() + ": '" + old.text() + "' removed."));
        }
        for (Directive now : added) {
            changes.add(change(routedBy, file, now.line(), now.scope(), "", now.text(),
                    now.scope() + ": '" + now.text() + "' added."));
        }
        return changes;
    }

    private static Change change(Set<String> routedBy, String file, int line, String scope, String old, String now,
            String message) {
        String routing = mapOf(scope);
        if (routedBy.contains(routing)) {
            return new Change(ChangeKind.ROUTE_CHANGED, file, line, poolOf(scope), "", old, now, message
                    + " The map sets " + routing + ", which chooses where requests are passed: some may go to another"
                    + " pool now.");
        }
        if (answersItself(old) || answersItself(now)) {
            return new Change(ChangeKind.ROUTE_CHANGED, file, line, poolOf(scope), "", old, now, message
                    + " The load balancer answers, redirects or drops the requests it matches itself: they reach no"
                    + " pool.");
        }
        return new Change(ChangeKind.OTHER_CHANGE, file, line, poolOf(scope), "", old, now, message);
    }

    /** The variable an nginx {@code map <source> <$variable>} block of the scope sets, or empty. */
    private static String mapOf(String scope) {
        for (String part : scope.split(" > ")) {
            String[] words = part.split(" ");
            if (words.length == 3 && words[0].equals("map")) {
                return words[2];
            }
        }
        return "";
    }

    /**
     * A statement that takes requests away from every pool: HAProxy {@code http-request redirect|deny|return|...},
     * {@code redirect}, {@code tcp-request ... reject}; nginx {@code return}, {@code rewrite}, {@code deny}.
     */
    static boolean answersItself(String text) {
        String[] words = text.split(" ");
        return switch (words[0]) {
            case "http-request" -> words.length > 1 && Set.of("redirect", "deny", "return", "tarpit", "silent-drop",
                    "reject", "auth", "use-service").contains(words[1]);
            case "tcp-request" -> text.contains(" reject") || text.contains(" silent-drop");
            case "redirect", "block", "return", "rewrite", "deny" -> true;
            default -> false;
        };
    }

    /** The pool a scope belongs to ({@code backend web}, {@code listen web}, {@code upstream web}), else empty. */
    static String poolOf(String scope) {
        String innermost = scope.contains(" > ") ? scope.substring(scope.lastIndexOf(" > ") + 3) : scope;
        for (String prefix : new String[] {"backend ", "listen ", "upstream "}) {
            if (innermost.startsWith(prefix)) {
                return innermost.substring(prefix.length());
            }
        }
        return "";
    }

    private static List<Directive> minus(List<Directive> from, List<Directive> subtract) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Directive directive : subtract) {
            counts.merge(directive.key(), 1, Integer::sum);
        }
        List<Directive> result = new ArrayList<>();
        for (Directive directive : from) {
            Integer count = counts.get(directive.key());
            if (count != null && count > 0) {
                counts.put(directive.key(), count - 1);
            } else {
                result.add(directive);
            }
        }
        return result;
    }

    private static Directive takeSameName(List<Directive> candidates, Directive old) {
        String name = name(old.text());
        for (Iterator<Directive> it = candidates.iterator(); it.hasNext();) {
            Directive candidate = it.next();
            if (candidate.scope().equals(old.scope()) && name(candidate.text()).equals(name)) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }

    /** The statement's name: its first word, or first two for families such as {@code timeout} and {@code option}. */
    static String name(String text) {
        String[] words = text.split(" ", 4);
        if (words.length > 1 && (words[0].equals("timeout") || words[0].equals("option") || words[0].equals("no")
                || words[0].equals("stats") || words[0].equals("http-check") || words[0].equals("tcp-check"))) {
            if (words[0].equals("no") && words.length > 2) {
                return words[0] + " " + words[1] + " " + words[2];
            }
            return words[0] + " " + words[1];
        }
        return words[0];
    }
}
