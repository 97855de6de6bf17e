package io.releasegate.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML or JSON value that remembers where it stood, so that every error can name the file, the line and the key.
 * Read with {@link YamlReader}. Scalars keep their text; maps keep their key order.
 */
public final class YamlNode {
    /** What kind of value this is. */
    public enum Kind { MAP, LIST, SCALAR, NULL }

    private final Kind kind;
    private final String file;
    private final String path;
    private final int line;
    private final int column;
    private final String text;
    private final Map<String, YamlNode> map;
    private final List<YamlNode> list;

    private YamlNode(Kind kind, String file, String path, int line, int column, String text,
            Map<String, YamlNode> map, List<YamlNode> list) {
        this.kind = kind;
        this.file = file;
        this.path = path;
        this.line = line;
        this.column = column;
        this.text = text;
        this.map = map;
        this.list = list;
    }

    static YamlNode scalar(String file, String path, int line, int column, String text) {
        return new YamlNode(text == null ? Kind.NULL : Kind.SCALAR, file, path, line, column, text, Map.of(), List.of());
    }

    static YamlNode map(String file, String path, int line, int column, LinkedHashMap<String, YamlNode> entries) {
        return new YamlNode(Kind.MAP, file, path, line, column, null, Collections.unmodifiableMap(entries), List.of());
    }

    static YamlNode list(String file, String path, int line, int column, List<YamlNode> items) {
        return new YamlNode(Kind.LIST, file, path, line, column, null, Map.of(), List.copyOf(items));
    }

    /** An empty map standing for a missing document. */
    public static YamlNode emptyMap(String file) {
        return map(file, "", 1, 1, new LinkedHashMap<>());
    }

    public Kind kind() {
        return kind;
    }

    public String file() {
        return file;
    }

    /** The dotted key path, e.g. {@code pools[0].servers[1].weight}. */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** An error about this value, naming file, line, column and key. */
    public ConfigParseException error(String message) {
        String where = path.isEmpty() ? "" : "'" + path + "': ";
        return new ConfigParseException(file, line, column, where + message);
    }

    /** The entries of a map (error if this is not a map). */
    public Map<String, YamlNode> entries() throws ConfigParseException {
        if (kind != Kind.MAP) {
            throw error("expected a mapping of keys to values, found " + describe());
        }
        return map;
    }

    /** The items of a list (error if this is not a list). */
    public List<YamlNode> items() throws ConfigParseException {
        if (kind != Kind.LIST) {
            throw error("expected a list, found " + describe());
        }
        return list;
    }

    /** The value under {@code key}, if this is a map that has it. */
    public Optional<YamlNode> get(String key) throws ConfigParseException {
        YamlNode value = entries().get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** Fails on any key that is not in {@code known}, naming it and what is allowed. */
    public void requireOnly(String... known) throws ConfigParseException {
        List<String> allowed = List.of(known);
        for (Map.Entry<String, YamlNode> entry : entries().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw entry.getValue().error("unknown key '" + entry.getKey() + "' (known: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    /** The text of a scalar. */
    public String asText() throws ConfigParseException {
        if (kind != Kind.SCALAR) {
            throw error("expected a single value, found " + describe());
        }
        return text;
    }

    public int asInt(int min, int max) throws ConfigParseException {
        String value = asText().trim();
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw error("must be between " + min + " and " + max + ", not " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw error("expected a whole number, found '" + value + "'");
        }
    }

    public double asDouble(double min, double max) throws ConfigParseException {
        String value = asText().trim();
        try {
            double number = Double.parseDouble(value);
            if (!(number >= min && number <= max)) {
                throw error("must be between " + min + " and " + max + ", not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw error("expected a number, found '" + value + "'");
        }
    }

    public boolean asBoolean() throws ConfigParseException {
        String value = asText().trim();
        if ("true".equalsIgnoreCase(value) || "yes".equalsIgnoreCase(value) || "on".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value) || "no".equalsIgnoreCase(value) || "off".equalsIgnoreCase(value)) {
            return false;
        }
        throw error("expected true or false, found '" + value + "'");
    }

    /** A list of scalars, or a single scalar read as a one-element list. */
    public List<String> asTextList() throws ConfigParseException {
        if (kind == Kind.SCALAR) {
            return List.of(text);
        }
        List<String> values = new ArrayList<>();
        for (YamlNode item : items()) {
            values.add(item.asText());
        }
        return values;
    }

    private String describe() {
        return switch (kind) {
            case MAP -> "a mapping";
            case LIST -> "a list";
            case NULL -> "nothing";
            default -> "'" + text + "'";
        };
    }
}
