package io.releasegate.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads YAML (a superset of JSON) into {@link YamlNode}s with their lines. Duplicate keys, aliases bombs and deep
 * nesting are errors with a line, never a crash.
 */
public final class YamlReader {
    private static final int MAX_DEPTH = 64;
    private static final JsonFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(1_000_000).build())
            .build();

    private YamlReader() {
    }

    /** Parses one document; an empty document is an empty map. */
    public static YamlNode read(String file, String content) throws ConfigParseException {
        try (JsonParser parser = YAML.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return YamlNode.emptyMap(file);
            }
            YamlNode root = readValue(parser, file, "", 0);
            if (parser.nextToken() != null) {
                throw new ConfigParseException(file, line(parser.currentTokenLocation()), 0,
                        "only one YAML document is allowed");
            }
            return root;
        } catch (JsonParseException e) {
            JsonLocation location = e.getLocation();
            throw new ConfigParseException(file, location == null ? 0 : line(location),
                    location == null ? 0 : Math.max(location.getColumnNr(), 0), plain(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            throw new ConfigParseException(file, 0, 0, "not valid YAML or JSON: " + plain(e.getMessage()));
        }
    }

    private static YamlNode readValue(JsonParser parser, String file, String path, int depth) throws IOException,
            ConfigParseException {
        JsonLocation location = parser.currentTokenLocation();
        int line = line(location);
        int column = Math.max(location.getColumnNr(), 0);
        if (depth > MAX_DEPTH) {
            throw new ConfigParseException(file, line, column, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    entries.put(key, readValue(parser, file, childPath, depth + 1));
                }
                return YamlNode.map(file, path, line, column, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, file, path + "[" + items.size() + "]", depth + 1));
                }
                return YamlNode.list(file, path, line, column, items);
            }
            case VALUE_NULL -> {
                return YamlNode.scalar(file, path, line, column, null);
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                return YamlNode.scalar(file, path, line, column, parser.getText());
            }
            default -> throw new ConfigParseException(file, line, column, "unsupported YAML value " + token);
        }
    }

    private static int line(JsonLocation location) {
        return Math.max(location.getLineNr(), 0);
    }

    private static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
