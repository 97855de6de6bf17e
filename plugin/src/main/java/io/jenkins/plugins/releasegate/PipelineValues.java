package io.jenkins.plugins.releasegate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values a Pipeline receives from a step: {@link LinkedHashMap}, {@link ArrayList}, strings, numbers, booleans and
 * null, which the Groovy sandbox lets a script read, the program's serialization keeps, and JEP-200 permits.
 */
final class PipelineValues {
    private PipelineValues() {
    }

    /** A deep copy of {@code value} in plain collections. */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> plainMap(Map<String, Object> map) {
        return (Map<String, Object>) plain(map);
    }
}
