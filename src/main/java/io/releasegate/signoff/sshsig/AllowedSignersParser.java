package io.releasegate.signoff.sshsig;

import io.releasegate.config.ConfigParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One line of an {@code allowed_signers} file, read as sshsig.c's {@code parse_principals_key_and_options} and
 * {@code sshsigopt_parse} read it: principals (quoted or not), then either a key or options and a key.
 */
final class AllowedSignersParser {
    private static final Pattern KEY_TYPE = Pattern.compile("(ssh-|ecdsa-|sk-|rsa-)[A-Za-z0-9@.+-]+");

    private AllowedSignersParser() {
    }

    /** The entry of line {@code number}, or null for a blank or comment line. */
    static AllowedSigners.Entry line(String source, int number, String line) throws ConfigParseException {
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
        AllowedSigners.Entry parsed = new AllowedSigners.Entry(number, principals, key, null, null, null);
        return options == null ? parsed : withOptions(parsed, options, cursor);
    }

    private static AllowedSigners.Entry withOptions(AllowedSigners.Entry entry, String options, Cursor cursor) throws ConfigParseException {
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
        return new AllowedSigners.Entry(entry.line(), entry.principals(), entry.key(), namespaces, after, before);
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
