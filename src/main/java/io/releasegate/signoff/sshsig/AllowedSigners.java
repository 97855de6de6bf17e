package io.releasegate.signoff.sshsig;

import io.releasegate.config.ConfigParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An OpenSSH {@code allowed_signers} file (ssh-keygen(1), ALLOWED SIGNERS; sshsig.c): one key per line, as
 * {@code principals [options] keytype base64 [comment]}. Principals are a pattern list; the options
 * {@code namespaces="list"}, {@code valid-after="time"} and {@code valid-before="time"} are honoured;
 * {@code cert-authority} is refused as unsupported (release-gate checks reviewers' own keys, not certificates).
 */
public final class AllowedSigners {
    private static final Pattern KEY_TYPE = Pattern.compile("(ssh-|ecdsa-|sk-|rsa-)[A-Za-z0-9@.+-]+");
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
            Entry entry = parseLine(source, i + 1, lines[i]);
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

    private static Entry parseLine(String source, int number, String line) throws ConfigParseException {
        Cursor cursor = new Cursor(source, number, line);
        cursor.skipSpace();
        if (cursor.atEnd() || cursor.peek() == '#') {
            return null;
        }
        String principals = cursor.token();
        if (principals.isEmpty()) {
            throw cursor.error("no principals");
        }
        cursor.skipSpace();
        String next = cursor.token();
        String options = null;
        if (!KEY_TYPE.matcher(next).matches()) {
            options = next;
            cursor.skipSpace();
            next = cursor.token();
        }
        if (next.isEmpty()) {
            throw cursor.error("missing key (expected: principals [options] keytype base64)");
        }
        cursor.skipSpace();
        String base64 = cursor.token();
        if (base64.isEmpty()) {
            throw cursor.error("the " + next + " key has no base64 data");
        }
        SshPublicKey key;
        try {
            key = SshPublicKey.parse(next, base64);
        } catch (SshSigException e) {
            throw cursor.error(e.getMessage());
        }
        Entry parsed = new Entry(number, principals, key, null, null, null);
        return options == null ? parsed : withOptions(parsed, options, cursor);
    }

    private static Entry withOptions(Entry entry, String options, Cursor cursor) throws ConfigParseException {
        String namespaces = null;
        Instant after = null;
        Instant before = null;
        Cursor in = new Cursor(cursor.source, cursor.number, options);
        while (!in.atEnd()) {
            String name = in.optionName().toLowerCase(Locale.ROOT);
            switch (name) {
                case "cert-authority" -> throw cursor.error("cert-authority is not supported: list each reviewer's"
                        + " own key");
                case "namespaces" -> {
                    if (namespaces != null) {
                        throw cursor.error("multiple \"namespaces\" clauses");
                    }
                    namespaces = in.quotedValue(name);
                }
                case "valid-after" -> {
                    if (after != null) {
                        throw cursor.error("multiple \"valid-after\" clauses");
                    }
                    after = time(in.quotedValue(name), name, cursor);
                }
                case "valid-before" -> {
                    if (before != null) {
                        throw cursor.error("multiple \"valid-before\" clauses");
                    }
                    before = time(in.quotedValue(name), name, cursor);
                }
                default -> throw cursor.error("unknown option '" + name + "' (known: namespaces, valid-after,"
                        + " valid-before)");
            }
            if (!in.atEnd()) {
                in.expectComma();
            }
        }
        if (after != null && before != null && !before.isAfter(after)) {
            throw cursor.error("\"valid-before\" time is before \"valid-after\"");
        }
        return new Entry(entry.line(), entry.principals(), entry.key(), namespaces, after, before);
    }

    /** YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z] (or a UTC suffix); local time without Z, as parse_absolute_time. */
    static Instant time(String text, String option, Cursor cursor) throws ConfigParseException {
        String digits = text;
        ZoneId zone = ZoneId.systemDefault();
        if (digits.length() > 1 && digits.toUpperCase(Locale.ROOT).endsWith("Z")) {
            digits = digits.substring(0, digits.length() - 1);
            zone = ZoneOffset.UTC;
        } else if (digits.length() > 3 && digits.toUpperCase(Locale.ROOT).endsWith("UTC")) {
            digits = digits.substring(0, digits.length() - 3);
            zone = ZoneOffset.UTC;
        }
        try {
            if (!digits.matches("\\d+")) {
                throw new DateTimeParseException("not digits", digits, 0);
            }
            return switch (digits.length()) {
                case 8 -> LocalDate.parse(digits, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(zone).toInstant();
                case 12 -> LocalDateTime.parse(digits, DateTimeFormatter.ofPattern("uuuuMMddHHmm")).atZone(zone)
                        .toInstant();
                case 14 -> LocalDateTime.parse(digits, DateTimeFormatter.ofPattern("uuuuMMddHHmmss")).atZone(zone)
                        .toInstant();
                default -> throw new DateTimeParseException("length", digits, 0);
            };
        } catch (DateTimeParseException e) {
            throw cursor.error("invalid \"" + option + "\" time '" + text + "' (YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z])");
        }
    }

    /** A position in one line, for the tokenizer. */
    private static final class Cursor {
        final String source;
        final int number;
        final String text;
        int at;

        Cursor(String source, int number, String text) {
            this.source = source;
            this.number = number;
            this.text = text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        char peek() {
            return text.charAt(at);
        }

        void skipSpace() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\r')) {
                at++;
            }
        }

        /** Up to the next blank outside double quotes; quotes around a whole token are removed. */
        String token() throws ConfigParseException {
            int start = at;
            boolean quoted = false;
            while (!atEnd() && (quoted || (peek() != ' ' && peek() != '\t' && peek() != '\r'))) {
                if (peek() == '"') {
                    quoted = !quoted;
                }
                at++;
            }
            if (quoted) {
                throw error("missing end quote");
            }
            String token = text.substring(start, at);
            if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")
                    && token.indexOf('"', 1) == token.length() - 1) {
                return token.substring(1, token.length() - 1);
            }
            return token;
        }

        String optionName() {
            int start = at;
            while (!atEnd() && peek() != '=' && peek() != ',') {
                at++;
            }
            return text.substring(start, at);
        }

        String quotedValue(String name) throws ConfigParseException {
            if (atEnd() || peek() != '=') {
                throw error("option " + name + " needs a value: " + name + "=\"...\"");
            }
            at++;
            if (atEnd() || peek() != '"') {
                throw error("the value of " + name + " must be in double quotes");
            }
            at++;
            StringBuilder value = new StringBuilder();
            while (!atEnd() && peek() != '"') {
                if (peek() == '\\' && at + 1 < text.length() && text.charAt(at + 1) == '"') {
                    at++;
                }
                value.append(text.charAt(at++));
            }
            if (atEnd()) {
                throw error("missing end quote in the value of " + name);
            }
            at++;
            return value.toString();
        }

        void expectComma() throws ConfigParseException {
            if (peek() != ',') {
                throw error("unknown key option near '" + text.substring(at) + "'");
            }
            at++;
            if (atEnd()) {
                throw error("unexpected end of options");
            }
        }

        ConfigParseException error(String reason) {
            return new ConfigParseException(source, number, 0, reason);
        }
    }
}
