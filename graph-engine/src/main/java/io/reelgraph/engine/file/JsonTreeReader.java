package io.reelgraph.engine.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reelgraph.engine.file.GraphFileException.Position;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads JSON text into a Jackson tree while enforcing the graph file limits and remembering
 * where each value starts, so that later checks can report a line and column. Positions are kept
 * for values up to four path segments deep (such as {@code /nodes/3/params/file}), which covers
 * every value the decoder checks. Floating point numbers are read as {@link DecimalNode} with
 * their scale, so {@code 1.50} stays {@code 1.50}. A member name that appears twice in one
 * object is an error, because keeping either value would silently change the file.
 */
final class JsonTreeReader {

    private static final int MAX_TRACKED_SEGMENTS = 4;

    /** A parsed tree with the start position of each tracked value, keyed by JSON pointer. */
    record LocatedTree(JsonNode root, Map<String, Position> positions) {

        /** Returns the position of the value at the pointer, or of its nearest tracked parent. */
        Position positionOf(String pointer) {
            String current = pointer;
            while (true) {
                Position position = positions.get(current);
                if (position != null) {
                    return position;
                }
                int slash = current.lastIndexOf('/');
                if (slash < 0) {
                    return new Position(1, 1);
                }
                current = current.substring(0, slash);
            }
        }
    }

    private final String sourceName;
    private final GraphFileLimits limits;
    private final JsonFactory factory;
    private final Map<String, Position> positions = new HashMap<>();
    private JsonParser parser;

    JsonTreeReader(String sourceName, GraphFileLimits limits) {
        this.sourceName = sourceName;
        this.limits = limits;
        // Jackson's own constraints are only a backstop; the checks below give clearer messages.
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() + 2)
                        .maxStringLength(Math.max(limits.maxStringLength() + 1, 1024))
                        .maxNameLength(Math.max(limits.maxStringLength() + 1, 1024))
                        .build())
                .build();
    }

    LocatedTree read(String text) throws GraphFileException {
        try (JsonParser opened = factory.createParser(text)) {
            parser = opened;
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new GraphFileException(sourceName, new Position(1, 1),
                        "the file is empty; a graph file is a JSON object with \"format\": "
                                + "\"reelgraph\"");
            }
            JsonNode root = readValue("", 0);
            if (parser.nextToken() != null) {
                throw error(parser.currentTokenLocation(), "unexpected content after the end of "
                        + "the JSON object; remove it");
            }
            return new LocatedTree(root, Map.copyOf(positions));
        } catch (JsonProcessingException e) {
            throw error(e.getLocation(), "invalid JSON: " + e.getOriginalMessage()
                    + "; fix the file at this position");
        } catch (IOException e) {
            throw new GraphFileException(sourceName, "reading failed: " + e.getMessage(), e);
        }
    }

    private JsonNode readValue(String pointer, int depth) throws IOException, GraphFileException {
        JsonLocation start = parser.currentTokenLocation();
        if (pointer != null) {
            positions.put(pointer, position(start));
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readObject(pointer, depth + 1, start);
            case START_ARRAY:
                return readArray(pointer, depth + 1, start);
            case VALUE_STRING:
                return TextNode.valueOf(checkedString(parser.getText(), start));
            case VALUE_NUMBER_INT:
                return integer();
            case VALUE_NUMBER_FLOAT:
                return DecimalNode.valueOf(parser.getDecimalValue());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.instance;
            default:
                throw error(start, "unexpected JSON token " + token + "; fix the file here");
        }
    }

    private JsonNode integer() throws IOException {
        switch (parser.getNumberType()) {
            case INT:
                return IntNode.valueOf(parser.getIntValue());
            case LONG:
                return LongNode.valueOf(parser.getLongValue());
            default:
                return BigIntegerNode.valueOf(parser.getBigIntegerValue());
        }
    }

    private ObjectNode readObject(String pointer, int depth, JsonLocation start)
            throws IOException, GraphFileException {
        checkDepth(depth, start);
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            JsonLocation nameLocation = parser.currentTokenLocation();
            String name = checkedString(parser.currentName(), nameLocation);
            if (object.has(name)) {
                throw error(nameLocation, "member \"" + shorten(name)
                        + "\" appears twice in the same object; remove one of them");
            }
            parser.nextToken();
            object.set(name, readValue(child(pointer, name), depth));
        }
        return object;
    }

    private ArrayNode readArray(String pointer, int depth, JsonLocation start)
            throws IOException, GraphFileException {
        checkDepth(depth, start);
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(child(pointer, Integer.toString(index)), depth));
            index++;
        }
        return array;
    }

    private void checkDepth(int depth, JsonLocation start) throws GraphFileException {
        if (depth > limits.maxDepth()) {
            throw error(start, "nesting depth exceeds the limit of " + limits.maxDepth()
                    + " levels; a graph file never needs this much nesting, so the file is "
                    + "damaged or not a graph file");
        }
    }

    private String checkedString(String value, JsonLocation start) throws GraphFileException {
        if (value.length() > limits.maxStringLength()) {
            throw error(start, "a string of " + value.length() + " characters exceeds the limit"
                    + " of " + limits.maxStringLength() + " characters per string; keep large "
                    + "text in a file next to the graph and refer to it");
        }
        return value;
    }

    private static String child(String pointer, String segment) {
        if (pointer == null || segmentCount(pointer) >= MAX_TRACKED_SEGMENTS) {
            return null;
        }
        return pointer + "/" + segment.replace("~", "~0").replace("/", "~1");
    }

    private static int segmentCount(String pointer) {
        int count = 0;
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '/') {
                count++;
            }
        }
        return count;
    }

    private GraphFileException error(JsonLocation location, String problem) {
        return new GraphFileException(sourceName, position(location), problem);
    }

    private static Position position(JsonLocation location) {
        if (location == null) {
            return new Position(1, 1);
        }
        return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static String shorten(String value) {
        return io.reelgraph.engine.graph.Texts.shorten(value);
    }
}
