package io.releasegate.signoff.sshsig;

import io.releasegate.config.ConfigParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An OpenSSH {@code allowed_signers} file (ssh-keygen(1), ALLOWED SIGNERS; sshsig.c): one key per line, as
 * {@code principals [options] keytype base64 [comment]}. Principals are a pattern list; the options
 * {@code namespaces="list"}, {@code valid-after="time"} and {@code valid-before="time"} are honoured;
 * {@code cert-authority} is refused as unsupported (release-gate checks reviewers' own keys, not certificates).
 */
public final class AllowedSigners {
    private static final int MAX_CHARS = 1_000_000;

    private final String source;
    private final List<Entry> entries;

    private AllowedSigners(String source, List<Entry> entries) {
        this.source = source;
        this.entries = List.copyOf(entries);
    }

    /**
     * One line of the file.
     *
     * @param line        1-based line number
     * @param principals  the principals pattern list, e.g. {@code bob@example.com,*@ops.example.com}
     * @param key         the key
     * @param namespaces  the {@code namespaces} pattern list, or null when the line has none (any namespace)
     * @param validAfter  the {@code valid-after} time, or null
     * @param validBefore the {@code valid-before} time, or null
     */
    public record Entry(int line, String principals, SshPublicKey key, String namespaces, Instant validAfter,
            Instant validBefore) {
        public Entry {
            Objects.requireNonNull(principals, "principals");
            Objects.requireNonNull(key, "key");
        }

        /** Whether this line names {@code principal} (pattern-list match, case-sensitive, as ssh-keygen). */
        public boolean allows(String principal) {
            return principal != null && PatternList.matches(principal, principals);
        }

        /** The literal principals of this line (patterns without wildcards or negation), in order. */
        public Set<String> literalPrincipals() {
            Set<String> literal = new LinkedHashSet<>();
            for (String principal : principals.split(",")) {
                if (!principal.isEmpty() && !principal.startsWith("!") && principal.indexOf('*') < 0
                        && principal.indexOf('?') < 0) {
                    literal.add(principal);
                }
            }
            return literal;
        }
    }

    /** Parses {@code text}; {@code source} names the file (and revision) in every error. */
    public static AllowedSigners parse(String source, String text) throws ConfigParseException {
        if (text.length() > MAX_CHARS) {
            throw new ConfigParseException(source, 0, 0, "too large for an allowed_signers file (over " + MAX_CHARS
                    + " characters)");
        }
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Entry entry = AllowedSignersParser.line(source, i + 1, lines[i]);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return new AllowedSigners(source, entries);
    }

    public String source() {
        return source;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * The line that allows {@code key} to sign as {@code principal} in {@code namespace} at every one of
     * {@code times}, as {@code ssh-keygen -Y verify -I principal -n namespace} decides.
     *
     * @throws SshSigException with the reason in words when no line does
     */
    public Entry authorize(SshPublicKey key, String principal, String namespace, List<Instant> times)
            throws SshSigException {
        List<Entry> withKey = entries.stream().filter(entry -> entry.key().sameKey(key)).toList();
        if (withKey.isEmpty()) {
            throw new SshSigException("the " + key.describe() + " is not in " + source);
        }
        String refusal = null;
        for (Entry entry : withKey) {
            if (!entry.allows(principal)) {
                continue;
            }
            String why = refusal(entry, key, namespace, times);
            if (why == null) {
                return entry;
            }
            refusal = refusal == null ? why : refusal;
        }
        if (refusal != null) {
            throw new SshSigException(refusal);
        }
        List<String> allowed = withKey.stream().map(Entry::principals).distinct().toList();
        throw new SshSigException(source + " allows the " + key.describe() + " for " + String.join(" and ", allowed)
                + ", not for " + (principal == null ? "a decision without an email" : principal));
    }

    private String refusal(Entry entry, SshPublicKey key, String namespace, List<Instant> times) {
        String where = source + ":" + entry.line();
        if (entry.namespaces() != null && !PatternList.matches(namespace, entry.namespaces())) {
            return where + " does not allow the " + key.describe() + " to sign in the namespace '" + namespace
                    + "' (namespaces=\"" + entry.namespaces() + "\")";
        }
        for (Instant time : times) {
            if (entry.validAfter() != null && time.isBefore(entry.validAfter())) {
                return where + ": the " + key.describe() + " is valid only after " + entry.validAfter() + ", not at "
                        + time;
            }
            if (entry.validBefore() != null && time.isAfter(entry.validBefore())) {
                return where + ": the " + key.describe() + " expired at " + entry.validBefore() + " (valid-before),"
                        + " before " + time;
            }
        }
        return null;
    }
}
