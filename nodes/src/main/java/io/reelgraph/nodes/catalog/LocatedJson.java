package io.reelgraph.nodes.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.JsonSupport;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON tree that remembers where each value starts in the text, keyed by JSON Pointer, so a
 * problem found after parsing can still name its line and column.
 */
final class LocatedJson {

    /** Keeps decimals exactly as written; the default factory would strip trailing zeros. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final JsonNode root;
    private final Map<String, JsonLocation> locations;

    private LocatedJson(JsonNode root, Map<String, JsonLocation> locations) {
        this.root = root;
        this.locations = locations;
    }

    /**
     * Parses one JSON document with the shared mapper's limits, so floats arrive as BigDecimal
     * and nesting depth is capped.
     *
     * @throws IOException for malformed JSON, a duplicate field or trailing content
     */
    static LocatedJson parse(byte[] bytes) throws IOException {
        Map<String, JsonLocation> locations = new HashMap<>();
        try (JsonParser parser = JsonSupport.MAPPER.getFactory().createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "the file is empty");
            }
            JsonNode root = read(parser, "", locations);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "unexpected content after the top-level value");
            }
            return new LocatedJson(root, locations);
        }
    }

    JsonNode root() {
        return root;
    }

    /** Returns where the value at the pointer starts, or where its nearest parent starts. */
    JsonLocation locationOf(String pointer) {
        String current = pointer;
        while (!locations.containsKey(current) && !current.isEmpty()) {
            current = current.substring(0, current.lastIndexOf('/'));
        }
        return locations.getOrDefault(current, JsonLocation.NA);
    }

    private static JsonNode read(JsonParser parser, String pointer, Map<String, JsonLocation> at)
            throws IOException {
        at.put(pointer, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(parser, pointer, at);
            case START_ARRAY -> readArray(parser, pointer, at);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "unexpected token " + token);
        };
    }

    private static ObjectNode readObject(
            JsonParser parser, String pointer, Map<String, JsonLocation> at) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (object.has(name)) {
                throw new JsonParseException(parser, "duplicate field '" + name + "'");
            }
            parser.nextToken();
            object.set(name, read(parser, pointer + "/" + escape(name), at));
        }
        return object;
    }

    private static ArrayNode readArray(
            JsonParser parser, String pointer, Map<String, JsonLocation> at) throws IOException {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(parser, pointer + "/" + index, at));
            index++;
        }
        return array;
    }

    /** Escapes a field name for a JSON Pointer (RFC 6901). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
