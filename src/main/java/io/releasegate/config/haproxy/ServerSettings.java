package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;
import java.util.TreeMap;

/**
 * The settings a {@code default-server} line establishes and a {@code server} line starts from: weight, backup,
 * disabled, check and the other keywords in canonical form (flag = empty value). Mutable, copied by value so that a
 * later {@code default-server} never changes servers defined before it.
 */
final class ServerSettings {
    int weight = 1;
    boolean backup;
    boolean disabled;
    boolean check;
    final TreeMap<String, String> params = new TreeMap<>();
    /** These settings as text, made when first asked for after a change. */
    private String signature;

    ServerSettings copy() {
        ServerSettings copy = new ServerSettings();
        copy.weight = weight;
        copy.backup = backup;
        copy.disabled = disabled;
        copy.check = check;
        copy.params.putAll(params);
        copy.signature = signature;
        return copy;
    }

    /** Everything these settings hold, as text: equal settings, equal text. */
    String signature() {
        if (signature == null) {
            StringBuilder text = new StringBuilder().append(weight).append(backup ? 'b' : '-')
                    .append(disabled ? 'd' : '-').append(check ? 'c' : '-');
            params.forEach((key, value) -> text.append('\u0000').append(key).append('\u0001').append(value));
            signature = text.toString();
        }
        return signature;
    }

    /**
     * Applies the keywords of a {@code server}/{@code default-server} line from word {@code from} on.
     *
     * @param inDefaultServer whether the line is a {@code default-server} line
     */
    void apply(HaproxyLine line, int from, boolean inDefaultServer, String path) throws ConfigParseException {
        signature = null;
        int i = from;
        while (i < line.size()) {
            String keyword = line.word(i);
            if (keyword.isEmpty()) {
                // HAProxy stops reading arguments at the first empty one
                return;
            }
            Integer arity = ServerKeywords.arity(keyword);
            if (arity == null) {
                throw new ConfigParseException(path, line.number(), line.column(i),
                        "unknown server keyword '" + keyword + "'");
            }
            if (inDefaultServer && !ServerKeywords.allowedInDefaultServer(keyword)) {
                throw new ConfigParseException(path, line.number(), line.column(i),
                        "'" + keyword + "' is not supported in 'default-server'");
            }
            if (arity == 0) {
                flag(keyword, line, i, path);
                i++;
            } else if (arity == 1) {
                if (i + 1 >= line.size() || line.word(i + 1).isEmpty()) {
                    throw new ConfigParseException(path, line.number(), line.column(i),
                            "server keyword '" + keyword + "' expects an argument");
                }
                valued(keyword, line.word(i + 1), line, i + 1, path);
                i += 2;
            } else {
                i = source(line, i, path);
            }
        }
    }

    private void flag(String keyword, HaproxyLine line, int index, String path) throws ConfigParseException {
        switch (keyword) {
            case "backup" -> backup = true;
            case "no-backup" -> backup = false;
            case "disabled" -> disabled = true;
            case "enabled" -> disabled = false;
            case "check" -> check = true;
            case "no-check" -> check = false;
            case "usesrc" -> throw new ConfigParseException(path, line.number(), line.column(index),
                    "'usesrc' is only allowed after 'source'");
            default -> {
                if (keyword.startsWith("no-")) {
                    params.remove(keyword.substring(3));
                } else {
                    params.remove("no-" + keyword);
                }
                params.put(keyword, "");
            }
        }
    }

    private void valued(String keyword, String value, HaproxyLine line, int index, String path)
            throws ConfigParseException {
        if ("weight".equals(keyword)) {
            long parsed = atol(value);
            if (parsed < 0 || parsed > 256) {
                throw new ConfigParseException(path, line.number(), line.column(index),
                        "weight must be between 0 and 256, got '" + value + "'");
            }
            weight = (int) parsed;
            return;
        }
        params.put(keyword, value);
    }

    /** {@code source <addr>[:<port>] [usesrc <addr>] [interface <name>]}. */
    private int source(HaproxyLine line, int i, String path) throws ConfigParseException {
        if (i + 1 >= line.size() || line.word(i + 1).isEmpty()) {
            throw new ConfigParseException(path, line.number(), line.column(i),
                    "server keyword 'source' expects an address");
        }
        StringBuilder value = new StringBuilder(line.word(i + 1));
        int next = i + 2;
        while (next + 1 < line.size() && ("usesrc".equals(line.word(next)) || "interface".equals(line.word(next)))) {
            value.append(' ').append(line.word(next)).append(' ').append(line.word(next + 1));
            next += 2;
        }
        params.put("source", value.toString());
        return next;
    }

    /** C {@code atol()}: leading blanks, optional sign, digits; anything else stops the number (so "abc" is 0). */
    static long atol(String text) {
        int p = 0;
        while (p < text.length() && HaproxyTokenizer.isSpace(text.charAt(p))) {
            p++;
        }
        boolean negative = false;
        if (p < text.length() && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
            negative = text.charAt(p) == '-';
            p++;
        }
        long value = 0;
        while (p < text.length() && text.charAt(p) >= '0' && text.charAt(p) <= '9' && value < 1_000_000_000L) {
            value = value * 10 + (text.charAt(p) - '0');
            p++;
        }
        return negative ? -value : value;
    }
}
