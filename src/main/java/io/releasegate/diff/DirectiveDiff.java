package io.releasegate.diff;

import io.releasegate.config.Directive;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the statements outside the pool model of two versions of a file, as multisets (order and formatting do
 * not count), and reports each difference as OTHER_CHANGE, pairing a removed and an added statement of the same
 * scope and name as one "changed" sentence.
 */
final class DirectiveDiff {
    private DirectiveDiff() {
    }

    static List<Change> compare(String file, List<Directive> before, List<Directive> after) {
        List<Directive> removed = minus(before, after);
        List<Directive> added = minus(after, before);
        List<Change> changes = new ArrayList<>();
        for (Iterator<Directive> it = removed.iterator(); it.hasNext();) {
            Directive old = it.next();
            Directive now = takeSameName(added, old);
            if (now != null) {
                changes.add(change(file, now.line(), now.scope(), old.text(), now.text(),
                        now.scope() + ": '" + old.text() + "' changed to '" + now.text() + "'."));
                it.remove();
            }
        }
        for (Directive old : removed) {
            changes.add(change(file, old.line(), old.scope(), old.text(), "",
                    old.scope() + ": '" + old.text() + "' removed."));
        }
        for (Directive now : added) {
            changes.add(change(file, now.line(), now.scope(), "", now.text(),
                    now.scope() + ": '" + now.text() + "' added."));
        }
        return changes;
    }

    private static Change change(String file, int line, String scope, String old, String now, String message) {
        return new Change(ChangeKind.OTHER_CHANGE, file, line, poolOf(scope), "", old, now, message);
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
