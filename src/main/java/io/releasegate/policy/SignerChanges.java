package io.releasegate.policy;

import io.releasegate.diff.Change;
import io.releasegate.diff.ChangeKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a change does to the allowed signers file ({@code .releasegate/allowed_signers}): who may sign approvals once
 * the change is the base. Any edit is {@link ChangeKind#POLICY_CHANGED}, one change per key (by its SHA-256
 * fingerprint, as {@code ssh-keygen -l} prints it): a key added for some principals, removed, or listed for other
 * principals or with other options. Comments, blank lines and order are no change. Lines are read only as far as
 * needed to name the key; the signature code checks them in full when they are used.
 */
final class SignerChanges {
    private static final Pattern KEY_TYPE = Pattern.compile(
            "(ssh-|ecdsa-sha2-|sk-ssh-|sk-ecdsa-sha2-|rsa-sha2-)[A-Za-z0-9@.-]+");

    /** One key line, reduced to what decides who may sign. */
    private record Entry(String principals, String options, String fingerprint, int line) {
    }

    private SignerChanges() {
    }

    /** Compares {@code path} at base with the same file at head (either may be absent). */
    static List<Change> between(String path, Optional<String> base, Optional<String> head) {
        if (Objects.equals(base, head)) {
            return List.of();
        }
        Map<String, Entry> before = entries(base.orElse(""));
        Map<String, Entry> after = entries(head.orElse(""));
        List<Change> changes = new ArrayList<>();
        if (base.isEmpty() && head.isPresent()) {
            changes.add(change(path, 1, "file", "absent", "added", path + " is added: once this change is the base,"
                    + " only the keys it lists can sign approvals."));
        } else if (base.isPresent() && head.isEmpty()) {
            changes.add(change(path, 0, "file", "present", "removed", path + " is removed: once this change is the"
                    + " base, no signed approval can count unless the operator names an allowed signers file."));
        }
        for (Entry now : after.values()) {
            Entry was = before.get(now.fingerprint());
            String key = "key " + now.fingerprint();
            if (was == null) {
                changes.add(change(path, now.line(), key, "", now.principals(), "allowed signers: " + key
                        + " added for " + now.principals() + options(now) + "."));
            } else if (!was.principals().equals(now.principals()) || !was.options().equals(now.options())) {
                changes.add(change(path, now.line(), key, was.principals() + options(was),
                        now.principals() + options(now), "allowed signers: " + key + " now signs for "
                                + now.principals() + options(now) + " instead of " + was.principals() + options(was)
                                + "."));
            }
        }
        for (Entry was : before.values()) {
            if (!after.containsKey(was.fingerprint())) {
                String key = "key " + was.fingerprint();
                changes.add(change(path, 0, key, was.principals(), "", "allowed signers: " + key + " of "
                        + was.principals() + " removed."));
            }
        }
        return changes;
    }

    private static Change change(String path, int line, String key, String before, String after, String message) {
        return new Change(ChangeKind.POLICY_CHANGED, path, line, "", key, before, after, message);
    }

    private static String options(Entry entry) {
        return entry.options().isEmpty() ? "" : " (" + entry.options() + ")";
    }

    /** Key lines by fingerprint; a line that names no key is kept by its text, so editing it is still a change. */
    private static Map<String, Entry> entries(String text) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            int type = -1;
            for (int f = 1; f < fields.size() && type < 0; f++) {
                if (KEY_TYPE.matcher(fields.get(f)).matches()) {
                    type = f;
                }
            }
            Entry entry;
            if (type < 0 || type + 1 >= fields.size()) {
                entry = new Entry(fields.get(0), "", "line \"" + fingerprintOf(line) + "\" (no key read)", i + 1);
            } else {
                String options = String.join(" ", fields.subList(1, type));
                entry = new Entry(fields.get(0), options, fields.get(type) + " " + fingerprint(fields.get(type + 1)),
                        i + 1);
            }
            entries.merge(entry.fingerprint(), entry, (a, b) -> new Entry(a.principals() + "," + b.principals(),
                    a.options(), a.fingerprint(), a.line()));
        }
        return entries;
    }

    /** Fields separated by blanks; double quotes keep blanks inside a field (as in {@code namespaces="a b"}). */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                field.append(c);
            } else if (!quoted && (c == ' ' || c == '\t')) {
                if (field.length() > 0) {
                    fields.add(field.toString());
                    field.setLength(0);
                }
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0) {
            fields.add(field.toString());
        }
        return fields;
    }

    /** {@code SHA256:...} of the key blob, as {@code ssh-keygen -l} prints it; the text's hash when not base64. */
    private static String fingerprint(String base64) {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256(
                    Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException e) {
            return "(not base64) " + fingerprintOf(base64);
        }
    }

    private static String fingerprintOf(String text) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256(
                text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
