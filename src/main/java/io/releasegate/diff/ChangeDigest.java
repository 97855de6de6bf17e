package io.releasegate.diff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The digest an approval is pinned to: SHA-256 over a canonical form of the semantic change set and of the policy
 * that judges it. The canonical form is one line per change (kind, file, pool, server, before, after; tab-separated,
 * escaped), sorted, then a line {@code policy<TAB><digest of the judging policy's canonical form>}. Lines and
 * messages are left out, so a commit that only moves or reformats text keeps the digest; any semantic difference,
 * or another judging policy, changes it.
 */
public final class ChangeDigest {
    private ChangeDigest() {
    }

    /** The digest of the change set alone (no judging policy): {@link #of(List, String)} is what approvals use. */
    public static String of(List<Change> changes) {
        return of(changes, null);
    }

    /**
     * @param policyDigest the digest of the judging policy's canonical form; null for the change set alone
     */
    public static String of(List<Change> changes, String policyDigest) {
        List<String> lines = new ArrayList<>();
        for (Change change : changes) {
            lines.add(String.join("\t", change.kind().name(), escape(change.file()), escape(change.pool()),
                    escape(change.server()), escape(change.before()), escape(change.after())));
        }
        lines.sort(null);
        if (policyDigest != null) {
            lines.add("policy\t" + escape(policyDigest));
        }
        StringBuilder canonical = new StringBuilder();
        lines.forEach(line -> canonical.append(line).append('\n'));
        return sha256(canonical.toString());
    }

    /** {@code sha256:<hex>} of the UTF-8 bytes of {@code text}. */
    public static String sha256(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }
}
