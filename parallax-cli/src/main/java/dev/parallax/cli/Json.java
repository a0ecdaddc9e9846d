package dev.parallax.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.model.Published;

/** The CLI's JSON output: explicit trees, so that the printed schema is the documented one. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The tree on one line: one record of a stream that prints as it goes (JSON Lines). */
    static String line(JsonNode node) {
        return write(MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT), node);
    }

    static String write(JsonNode node) {
        return write(MAPPER.writer(), node);
    }

    private static String write(ObjectWriter writer, JsonNode node) {
        try {
            return writer.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** A value (such as a brief) as a JSON tree, by its record components. */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static String published(Published p) {
        return p == null ? null : p.toString();
    }
}
