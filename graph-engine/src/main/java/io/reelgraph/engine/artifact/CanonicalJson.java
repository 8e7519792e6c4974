package io.reelgraph.engine.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON: object members sorted by name, no whitespace, numbers in plain form with
 * trailing zeros removed (so {@code 1.50} and {@code 1.5} encode alike). Used for hashing, so
 * the encoding must never change for an existing value.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode value) {
        return text(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String text(JsonNode value) {
        StringBuilder out = new StringBuilder(64);
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value.isObject()) {
            List<String> names = new ArrayList<>();
            value.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(names.get(i), out);
                out.append(':');
                write(value.get(names.get(i)), out);
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            Iterator<JsonNode> elements = value.elements();
            boolean first = true;
            while (elements.hasNext()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(elements.next(), out);
            }
            out.append(']');
        } else if (value.isTextual()) {
            quote(value.asText(), out);
        } else if (value.isNumber()) {
            out.append(number(value.decimalValue()));
        } else if (value.isBoolean()) {
            out.append(value.booleanValue());
        } else {
            out.append("null");
        }
    }

    private static String number(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    private static void quote(String text, StringBuilder out) {
        StringWriter escaped = new StringWriter(text.length() + 2);
        try (var generator = JsonSupport.MAPPER.getFactory().createGenerator(escaped)) {
            generator.writeString(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Writing to memory failed", e);
        }
        out.append(escaped);
    }

    /** Returns an object node whose members are those of the map, for building canonical values. */
    public static JsonNode objectOf(Map<String, JsonNode> members) {
        var node = JsonNodeFactory.instance.objectNode();
        members.forEach(node::set);
        return node;
    }
}
