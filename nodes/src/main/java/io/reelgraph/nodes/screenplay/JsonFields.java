package io.reelgraph.nodes.screenplay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed reads of the members of one JSON object, with messages that name the member. */
final class JsonFields {

    private final String subject;
    private final JsonNode json;

    JsonFields(String subject, JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException(
                    "Invalid " + subject + " JSON: expected an object but found " + json.getNodeType());
        }
        this.subject = subject;
        this.json = json;
    }

    static void putStrings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    String text(String name) {
        JsonNode value = member(name);
        if (!value.isTextual()) {
            throw wrongType(name, "a string", value);
        }
        return value.asText();
    }

    Optional<String> optionalText(String name) {
        JsonNode value = member(name);
        return value.isNull() ? Optional.empty() : Optional.of(text(name));
    }

    int integer(String name) {
        JsonNode value = member(name);
        if (!value.isInt()) {
            throw wrongType(name, "an integer", value);
        }
        return value.intValue();
    }

    boolean bool(String name) {
        JsonNode value = member(name);
        if (!value.isBoolean()) {
            throw wrongType(name, "true or false", value);
        }
        return value.booleanValue();
    }

    List<String> strings(String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array(name)) {
            if (!item.isTextual()) {
                throw wrongType(name, "an array of strings", item);
            }
            values.add(item.asText());
        }
        return values;
    }

    List<JsonFields> objects(String name) {
        List<JsonFields> values = new ArrayList<>();
        for (JsonNode item : array(name)) {
            values.add(new JsonFields(subject + " " + name, item));
        }
        return values;
    }

    private JsonNode array(String name) {
        JsonNode value = member(name);
        if (!value.isArray()) {
            throw wrongType(name, "an array", value);
        }
        return value;
    }

    private JsonNode member(String name) {
        JsonNode value = json.get(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    "Invalid " + subject + " JSON: the member '" + name + "' is missing");
        }
        return value;
    }

    private IllegalArgumentException wrongType(String name, String expected, JsonNode found) {
        return new IllegalArgumentException("Invalid " + subject + " JSON: the member '" + name
                + "' must be " + expected + " but is " + found.getNodeType());
    }
}
