package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.reelgraph.engine.type.ParamSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Converts between a param value and the text an artist types into the inspector. Text that
 * does not parse as the param's kind is rejected with a message and never coerced, and a value
 * out of range is kept and reported, so the inspector never changes a value silently.
 */
public final class ParamText {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ParamText() {
    }

    /**
     * The result of parsing typed text.
     *
     * @param value the value to store, empty when the text does not parse as the param's kind
     * @param problem why the text was not stored, or what is wrong with the stored value
     */
    public record Parsed(Optional<JsonNode> value, Optional<String> problem) {
    }

    /** Returns the text shown for a value: strings without quotes, everything else as JSON. */
    public static String display(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** Parses typed text as a value of the param; a {@code $name} text refers to a graph parameter. */
    public static Parsed parse(ParamSpec spec, String text) {
        if (text.startsWith("$") && text.length() > 1) {
            return new Parsed(Optional.of(JSON.textNode(text)), Optional.empty());
        }
        Optional<JsonNode> value = switch (spec.kind()) {
            case STRING, TEXT, FILE, MODEL, ENUM -> Optional.of(JSON.textNode(text));
            case BOOLEAN -> parseBoolean(text.strip());
            case INTEGER -> parseInteger(text.strip());
            case NUMBER -> parseNumber(text.strip());
        };
        if (value.isEmpty()) {
            return new Parsed(Optional.empty(), Optional.of("\"" + text + "\" is not "
                    + expected(spec) + "; the value was not changed"));
        }
        return new Parsed(value, spec.check(value.get()));
    }

    private static Optional<JsonNode> parseBoolean(String text) {
        return switch (text) {
            case "true" -> Optional.of(JSON.booleanNode(true));
            case "false" -> Optional.of(JSON.booleanNode(false));
            default -> Optional.empty();
        };
    }

    private static Optional<JsonNode> parseInteger(String text) {
        try {
            BigInteger number = new BigInteger(text);
            // Jackson reads small whole numbers as int nodes; matching that keeps equal graphs equal.
            if (number.bitLength() < 32) {
                return Optional.of(JSON.numberNode(number.intValue()));
            }
            return Optional.of(number.bitLength() < 64 ? JSON.numberNode(number.longValue())
                    : JSON.numberNode(number));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Keeps whole numbers as integers, so a file that said {@code 3} is written back as 3. */
    private static Optional<JsonNode> parseNumber(String text) {
        Optional<JsonNode> whole = parseInteger(text);
        if (whole.isPresent()) {
            return whole;
        }
        try {
            return Optional.of(JSON.numberNode(new BigDecimal(text)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String expected(ParamSpec spec) {
        return switch (spec.kind()) {
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            default -> "text";
        };
    }
}
