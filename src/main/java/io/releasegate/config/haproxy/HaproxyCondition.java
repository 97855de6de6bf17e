package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Evaluates the expression of an {@code .if}/{@code .elif} line like HAProxy 2.6's {@code src/cfgcond.c}, without
 * the runtime environment: terms are numbers ({@code strtol}, non-zero is true), {@code (expr)}, {@code !term} and
 * predicates, combined with {@code &&} and {@code ||}. {@code version_atleast}/{@code version_before} compare with
 * {@link #VERSION}, {@code feature()} looks in {@link #FEATURES} (the Debian 12 build of HAProxy 2.6.12),
 * {@code streq}/{@code strneq} compare strings. What depends on the machine HAProxy will run on cannot be known
 * offline and is {@link Value#UNKNOWN}: the SSL library predicates ({@code openssl_version_atleast},
 * {@code openssl_version_before}, {@code ssllib_name_startswith}), {@code defined()} of an environment variable, and
 * string comparisons of an environment variable reference (they are not expanded). Unknown values combine with
 * Kleene's three-valued logic ({@code 0 && unknown} is false, {@code 1 || unknown} is true). Unknown predicates and
 * syntax errors are errors, as in HAProxy.
 */
final class HaproxyCondition {
    /** The HAProxy version conditions are evaluated against. */
    static final String VERSION = "2.6.12";
    /** The enabled build features of the reference HAProxy 2.6.12 build ({@code haproxy -vv}). */
    static final Set<String> FEATURES = Set.of("ACCEPT4", "BACKTRACE", "CPU_AFFINITY", "CRYPT_H", "DL", "EPOLL",
            "GETADDRINFO", "LIBCRYPT", "LINUX_SPLICE", "LINUX_TPROXY", "LUA", "NETFILTER", "NS", "OPENSSL", "OT",
            "PCRE2", "PCRE2_JIT", "POLL", "PRCTL", "PROMEX", "RT", "SLZ", "SYSTEMD", "TFO", "THREAD", "THREAD_DUMP",
            "TPROXY");
    private static final int MAX_DEPTH = 1024;

    private final String path;
    private final int line;
    private final int column;
    private final String text;
    private int pos;

    /** The value of a condition: true, false, or not knowable without the machine HAProxy runs on. */
    enum Value {
        TRUE, FALSE, UNKNOWN;

        static Value of(boolean value) {
            return value ? TRUE : FALSE;
        }

        Value not() {
            return this == UNKNOWN ? UNKNOWN : of(this == FALSE);
        }

        Value and(Value other) {
            if (this == FALSE || other == FALSE) {
                return FALSE;
            }
            return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
        }

        Value or(Value other) {
            if (this == TRUE || other == TRUE) {
                return TRUE;
            }
            return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
        }
    }

    private HaproxyCondition(String path, int line, int column, String text) {
        this.path = path;
        this.line = line;
        this.column = column;
        this.text = text;
    }

    /**
     * @param expression the words after {@code .if}, joined with single spaces (as HAProxy re-merges them)
     * @param column     column of the first word of the expression, for error positions
     */
    static Value evaluate(String path, int line, int column, String expression) throws ConfigParseException {
        if (expression.isEmpty()) {
            return Value.FALSE;
        }
        HaproxyCondition condition = new HaproxyCondition(path, line, column, expression);
        Value value = condition.expr(MAX_DEPTH);
        condition.skipBlanks();
        if (condition.pos < expression.length()) {
            throw condition.error("unexpected character '" + expression.charAt(condition.pos)
                    + "' at the end of conditional expression '" + expression + "'");
        }
        return value;
    }

    private Value expr(int depth) throws ConfigParseException {
        checkDepth(depth);
        Value value = and(depth - 1);
        skipBlanks();
        if (peek(0) == '|' && peek(1) == '|') {
            pos += 2;
            skipBlanks();
            Value right = expr(depth - 1);
            value = value.or(right);
        }
        return value;
    }

    private Value and(int depth) throws ConfigParseException {
        checkDepth(depth);
        Value value = term(depth - 1);
        skipBlanks();
        if (peek(0) == '&' && peek(1) == '&') {
            pos += 2;
            skipBlanks();
            Value right = and(depth - 1);
            value = value.and(right);
        }
        return value;
    }

    private Value term(int depth) throws ConfigParseException {
        checkDepth(depth);
        skipBlanks();
        if (pos >= text.length()) {
            throw error("unparsable conditional expression '" + text + "'");
        }
        boolean negate = false;
        while (peek(0) == '!') {
            negate = !negate;
            pos++;
            skipBlanks();
        }
        Long number = number();
        if (number != null) {
            return negated(Value.of(number != 0), negate);
        }
        if (peek(0) == '(') {
            pos++;
            skipBlanks();
            Value value = expr(depth - 1);
            skipBlanks();
            if (peek(0) != ')') {
                throw error("expected ')' after conditional expression");
            }
            pos++;
            skipBlanks();
            return negated(value, negate);
        }
        return negated(predicate(), negate);
    }

    private static Value negated(Value value, boolean negate) {
        return negate ? value.not() : value;
    }

    /** {@code strtol(in, &end, 0)}: optional blanks, sign, 0x hex, leading-0 octal, decimal. */
    private Long number() {
        int p = pos;
        while (p < text.length() && HaproxyTokenizer.isSpace(text.charAt(p))) {
            p++;
        }
        if (p < text.length() && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
            p++;
        }
        int radix = 10;
        if (p + 1 < text.length() && text.charAt(p) == '0' && (text.charAt(p + 1) == 'x' || text.charAt(p + 1) == 'X')
                && p + 2 < text.length() && Character.digit(text.charAt(p + 2), 16) >= 0) {
            radix = 16;
            p += 2;
        } else if (p < text.length() && text.charAt(p) == '0') {
            radix = 8;
        }
        int digits = p;
        long value = 0;
        while (p < text.length() && Character.digit(text.charAt(p), radix) >= 0 && text.charAt(p) < 0x80) {
            value = value * radix + Character.digit(text.charAt(p), radix);
            if (value > Integer.MAX_VALUE) {
                value = Integer.MAX_VALUE;
            }
            p++;
        }
        if (p == digits) {
            return null;
        }
        pos = p;
        return value;
    }

    private Value predicate() throws ConfigParseException {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ' ' && text.charAt(pos) != '(') {
            pos++;
        }
        String name = text.substring(start, pos);
        int arity = switch (name) {
            case "defined", "feature", "version_atleast", "version_before", "openssl_version_atleast",
                    "openssl_version_before", "ssllib_name_startswith" -> 1;
            case "streq", "strneq" -> 2;
            default -> {
                pos = start;
                throw error("unparsable conditional expression '" + text.substring(start)
                        + "' (unknown predicate '" + name + "')");
            }
        };
        List<String> args = arguments(name, arity);
        return switch (name) {
            case "feature" -> Value.of(FEATURES.contains(args.get(0)));
            case "streq" -> fromEnvironment(args) ? Value.UNKNOWN : Value.of(args.get(0).equals(args.get(1)));
            case "strneq" -> fromEnvironment(args) ? Value.UNKNOWN : Value.of(!args.get(0).equals(args.get(1)));
            case "version_atleast" -> Value.of(compareWithCurrent(args.get(0)) <= 0);
            case "version_before" -> Value.of(compareWithCurrent(args.get(0)) > 0);
            // the environment and the SSL library of the machine HAProxy will run on
            default -> Value.UNKNOWN;
        };
    }

    /** Whether a string argument refers to an environment variable, which is not expanded offline. */
    private static boolean fromEnvironment(List<String> args) {
        return args.stream().anyMatch(arg -> arg.indexOf('$') >= 0);
    }

    /** A simplified {@code make_arg_list()}: {@code (a,b)} with optional quotes and backslash escapes. */
    private List<String> arguments(String name, int arity) throws ConfigParseException {
        if (peek(0) != '(') {
            throw error("missing arguments (expected " + arity + ") in predicate '" + name + "'");
        }
        pos++;
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        char quote = 0;
        while (true) {
            if (pos >= text.length()) {
                throw error("missing closing ')' after arguments of predicate '" + name + "'");
            }
            char c = text.charAt(pos++);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    arg.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '\\' && pos < text.length()) {
                arg.append(text.charAt(pos++));
            } else if (c == ',' || c == ')') {
                args.add(arg.toString().strip());
                arg.setLength(0);
                if (c == ')') {
                    break;
                }
            } else {
                arg.append(c);
            }
        }
        if (args.size() != arity) {
            throw error("predicate '" + name + "' expects " + arity + " argument" + (arity > 1 ? "s" : "")
                    + ", got " + args.size());
        }
        return args;
    }

    /** HAProxy's {@code compare_current_version()}: -1 older, 0 same, 1 newer, -3 unparsable. */
    static int compareWithCurrent(String version) {
        long[] current = splitVersion(VERSION);
        long[] other = splitVersion(version);
        if (other == null) {
            return -3;
        }
        for (int i = 0; i < current.length; i++) {
            if (other[i] != current[i]) {
                return other[i] < current[i] ? -1 : 1;
            }
        }
        return 0;
    }

    /** HAProxy's {@code split_version()} for the common forms {@code a[.b[.c[.d]]][-devN|-rcN|-preN][-commit]}. */
    static long[] splitVersion(String version) {
        long[] value = new long[7];
        value[4] = 3;
        if (version.isEmpty()) {
            return null;
        }
        int[] cursor = {0};
        for (int part = 0; part < 4; part++) {
            value[part] = leadingNumber(version, cursor);
            if (cursor[0] >= version.length()) {
                return value;
            }
            char sep = version.charAt(cursor[0]);
            cursor[0]++;
            if (sep == '-') {
                return tag(version, cursor[0], value);
            }
            if (sep != '.' || part == 3) {
                return null;
            }
        }
        return value;
    }

    private static long[] tag(String version, int from, long[] value) {
        String rest = version.substring(from);
        int p = 0;
        if (rest.startsWith("dev")) {
            value[4] = 1;
            p = 3;
        } else if (rest.startsWith("rc")) {
            value[4] = 2;
            p = 2;
        } else if (rest.startsWith("pre")) {
            value[4] = 2;
            p = 3;
        }
        if (p > 0) {
            int[] cursor = {p};
            value[5] = leadingNumber(rest, cursor);
            if (cursor[0] >= rest.length()) {
                return value;
            }
            if (rest.charAt(cursor[0]) != '-') {
                return null;
            }
            rest = rest.substring(cursor[0] + 1);
        }
        int dash = rest.lastIndexOf('-');
        String commit = dash >= 0 ? rest.substring(dash + 1) : rest;
        if (dash >= 0 && commit.isEmpty()) {
            return null;
        }
        value[6] = commit.matches("[0-9]{1,9}") ? Long.parseLong(commit) : 0;
        return value;
    }

    private static long leadingNumber(String s, int[] cursor) {
        int p = cursor[0];
        long value = 0;
        while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9' && value < Integer.MAX_VALUE) {
            value = value * 10 + (s.charAt(p) - '0');
            p++;
        }
        while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            p++;
        }
        cursor[0] = p;
        return value;
    }

    private void checkDepth(int depth) throws ConfigParseException {
        if (depth <= 0) {
            throw error("conditional expression nested too deeply");
        }
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private char peek(int offset) {
        return pos + offset < text.length() ? text.charAt(pos + offset) : '\0';
    }

    private ConfigParseException error(String reason) {
        return new ConfigParseException(path, line, column + Math.min(pos, text.length()), reason + " in '.if'");
    }
}
