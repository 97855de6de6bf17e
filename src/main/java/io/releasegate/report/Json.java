package io.releasegate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.releasegate.log.Redaction;

/** The one JSON writer of the reports: pretty-printed, stable key order (insertion order of the maps given). */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /**
     * Writes plain maps, lists, strings, numbers and booleans as JSON, ending with a newline; the user information
     * of any URL in it is redacted.
     */
    public static String write(Object value) {
        try {
            return Redaction.text(MAPPER.writeValueAsString(value)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialize", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
