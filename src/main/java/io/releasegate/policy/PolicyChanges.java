package io.releasegate.policy;

import io.releasegate.config.ConfigParseException;
import io.releasegate.diff.Change;
import io.releasegate.diff.ChangeDigest;
import io.releasegate.diff.ChangeKind;
import io.releasegate.diff.DiffResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a change does to the policy file: {@link ChangeKind#POLICY_CHANGED}, one change per changed key, in words
 * ("review.threshold: LOW → NONE", "escalation contact oncall-pd: baseUrl changed (...)"); the file added or
 * removed; or the file unparseable at head (also a parse error of the head revision). Such a change never judges
 * itself: the base revision's policy does, and it makes the change CRITICAL by default. For each change
 * {@link Change#server()} holds the key, {@code before} and {@code after} the values in words (safe to show).
 */
final class PolicyChanges {
    private static final String ARROW = " → ";
    private static final String HIDDEN_CHANGED = "its user information or secret changed, not shown";

    /** The changes and the parse errors of the policy file. */
    record Result(List<Change> changes, List<DiffResult.ParseError> errors) {
        Result {
            changes = List.copyOf(changes);
            errors = List.copyOf(errors);
        }
    }

    private PolicyChanges() {
    }

    /** Compares the policy file at base with the one at head. */
    static Result between(PolicyFile base, PolicyFile head) {
        if (Objects.equals(base.text(), head.text())) {
            return new Result(List.of(), List.of());
        }
        String path = head.path();
        List<Change> changes = new ArrayList<>();
        List<DiffResult.ParseError> errors = new ArrayList<>();
        if (head.error().isPresent()) {
            ConfigParseException e = head.error().get();
            errors.add(new DiffResult.ParseError(path, e.line(), e.column(), e.reason(), "head"));
            // not itemised, so the digest covers the text itself: an approval of one invalid policy is void for another
            changes.add(new Change(ChangeKind.POLICY_CHANGED, path, e.line(), "", "", "", "unparseable, "
                    + content(head),
                    path + " cannot be parsed at the head revision" + e.atLine() + ": " + e.reason()
                            + ". The base revision's policy judges this change; the new policy cannot take effect"
                            + " as it is."));
            return new Result(changes, errors);
        }
        if (base.error().isPresent()) {
            ConfigParseException e = base.error().get();
            errors.add(new DiffResult.ParseError(path, e.line(), e.column(), e.reason(), "base"));
            changes.add(new Change(ChangeKind.POLICY_CHANGED, path, 0, "", "", "unparseable",
                    head.present() ? "changed, " + content(head) : "removed", path + " is " + (head.present() ? "changed" : "removed")
                            + "; its base version cannot be parsed" + e.atLine() + ", so the edit is not"
                            + " itemised."));
            return new Result(changes, errors);
        }
        if (!base.present()) {
            changes.add(new Change(ChangeKind.POLICY_CHANGED, path, 1, "", "", "absent", "added", path
                    + " is added: once this change is the base, it judges later changes instead of the built-in"
                    + " defaults."));
        } else if (!head.present()) {
            changes.add(new Change(ChangeKind.POLICY_CHANGED, path, 0, "", "", "present", "removed", path
                    + " is removed: once this change is the base, the built-in defaults judge later changes."));
        }
        List<Change> keys = new ArrayList<>(keys(path, terms(base), terms(head)));
        // in the order of the file at head; keys it no longer sets (line 0) last
        keys.sort(java.util.Comparator.comparingInt(change -> change.line() == 0 ? Integer.MAX_VALUE : change.line()));
        changes.addAll(keys);
        return new Result(changes, errors);
    }

    /** {@code content sha256:...} of the file's text: what an edit that cannot be itemised is pinned to. */
    private static String content(PolicyFile file) {
        return "content " + ChangeDigest.sha256(file.text().orElse(""));
    }

    /** The policy's keys; the built-in defaults for an absent file. */
    private static Map<String, PolicyTerms.Term> terms(PolicyFile file) {
        return PolicyTerms.of(file.policy().orElse(Policy.defaults()), file.root());
    }

    /** One change per key whose value differs; a contact added or removed is one change. */
    private static List<Change> keys(String path, Map<String, PolicyTerms.Term> before,
            Map<String, PolicyTerms.Term> after) {
        List<Change> changes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(after.keySet());
        keys.addAll(before.keySet());
        Set<String> contactsBefore = contacts(before);
        Set<String> contactsAfter = contacts(after);
        Set<String> contactsDone = new LinkedHashSet<>();
        for (String key : keys) {
            PolicyTerms.Term old = before.get(key);
            PolicyTerms.Term now = after.get(key);
            PolicyTerms.Term any = now != null ? now : old;
            String was = old == null ? PolicyTerms.NOT_SET : old.value();
            String is = now == null ? PolicyTerms.NOT_SET : now.value();
            if (Objects.equals(old == null ? null : old.raw(), now == null ? null : now.raw())) {
                continue;
            }
            if (was.equals(is)) {
                // only what is never shown differs: a URL's user information, a literal secret
                is = is + " (" + HIDDEN_CHANGED + ")";
            }
            int line = now != null ? now.line() : 0;
            if (PolicyTerms.isContactField(any.path())) {
                String contact = any.path().get(2);
                String field = String.join(".", any.path().subList(3, any.path().size()));
                boolean added = !contactsBefore.contains(contact);
                boolean removed = !contactsAfter.contains(contact);
                if (added || removed) {
                    if (contactsDone.add(contact)) {
                        changes.add(contactAddedOrRemoved(path, contact, added, added ? after : before, line));
                    }
                    continue;
                }
                changes.add(new Change(ChangeKind.POLICY_CHANGED, path, line, "", key, was, is,
                        "escalation contact " + contact + ": " + field + " changed (" + was + ARROW + is + ")"));
                continue;
            }
            changes.add(new Change(ChangeKind.POLICY_CHANGED, path, line, "", key, was, is,
                    key + ": " + was + ARROW + is));
        }
        return changes;
    }

    private static Change contactAddedOrRemoved(String path, String contact, boolean added,
            Map<String, PolicyTerms.Term> side, int line) {
        List<String> fields = new ArrayList<>();
        for (PolicyTerms.Term term : side.values()) {
            if (PolicyTerms.isContactField(term.path()) && term.path().get(2).equals(contact)) {
                fields.add(String.join(".", term.path().subList(3, term.path().size())) + " " + term.value());
            }
        }
        String described = String.join(", ", fields);
        String key = "escalation.contacts." + contact;
        return added
                ? new Change(ChangeKind.POLICY_CHANGED, path, line, "", key, PolicyTerms.NOT_SET, described,
                        "escalation contact " + contact + " added (" + described + ")")
                : new Change(ChangeKind.POLICY_CHANGED, path, 0, "", key, described, PolicyTerms.NOT_SET,
                        "escalation contact " + contact + " removed (was " + described + ")");
    }

    /** The contacts named on one side. */
    private static Set<String> contacts(Map<String, PolicyTerms.Term> terms) {
        Set<String> contacts = new LinkedHashSet<>();
        for (PolicyTerms.Term term : terms.values()) {
            if (PolicyTerms.isContactField(term.path())) {
                contacts.add(term.path().get(2));
            }
        }
        return contacts;
    }
}
