package io.jenkins.plugins.releasegate.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's JSON as plain maps, lists, strings, numbers and booleans: what a sandboxed Pipeline can read
 * ({@code change.reviewRequired}) and what XStream can persist.
 */
public final class JsonMaps {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonMaps() {
    }

    /** Parses a JSON object; throws {@link IllegalArgumentException} naming {@code what} when it is not one. */
    public static Map<String, Object> parse(String json, String what) {
        try {
            Map<String, Object> map = MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
            if (map == null) {
                throw new IllegalArgumentException(what + " is empty");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not the engine's JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String string(Map<?, ?> map, String key, String fallback) {
        Object value = map == null ? null : map.get(key);
        return value == null ? fallback : value.toString();
    }

    public static int integer(Map<?, ?> map, String key, int fallback) {
        Object value = map == null ? null : map.get(key);
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text && text.matches("-?\\d+")) {
            return Integer.parseInt(text);
        }
        return fallback;
    }

    public static boolean bool(Map<?, ?> map, String key, boolean fallback) {
        Object value = map == null ? null : map.get(key);
        if (value instanceof Boolean flag) {
            return flag;
        }
        return value == null ? fallback : Boolean.parseBoolean(value.toString());
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<?, ?> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
