package io.reelgraph.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reelgraph.engine.graph.GraphParameter.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/** Checks graph parameter values against their kind and converts command line text to values. */
public final class ParameterValues {

    private ParameterValues() {
    }

    /**
     * Checks a JSON value against a parameter kind.
     *
     * @return what is wrong, such as {@code "must be a whole number, got \"x\""}, or empty
     */
    public static Optional<String> check(Kind kind, JsonNode value) {
        boolean fits = switch (kind) {
            case STRING -> value.isTextual();
            case FILE -> value.isTextual() && !value.asText().isBlank();
            case NUMBER -> value.isNumber();
            case INTEGER -> value.isIntegralNumber();
            case BOOLEAN -> value.isBoolean();
        };
        return fits ? Optional.empty() : Optional.of("must be " + expected(kind) + ", got "
                + io.reelgraph.engine.graph.Texts.shorten(value.toString()));
    }

    /**
     * Converts text, as given on the command line, to a value of the kind: numbers become exact
     * decimals, integers whole numbers, booleans {@code true} or {@code false}.
     *
     * @return the value, or empty when the text does not convert
     */
    public static Optional<JsonNode> convert(Kind kind, String text) {
        switch (kind) {
            case STRING:
                return Optional.of(TextNode.valueOf(text));
            case FILE:
                return text.isBlank() ? Optional.empty() : Optional.of(TextNode.valueOf(text));
            case BOOLEAN:
                if (text.equals("true") || text.equals("false")) {
                    return Optional.of(BooleanNode.valueOf(Boolean.parseBoolean(text)));
                }
                return Optional.empty();
            case INTEGER:
                return parseInteger(text);
            case NUMBER:
                return parseDecimal(text);
            default:
                throw new IllegalStateException("Unhandled parameter kind " + kind);
        }
    }

    /** Describes the values a kind accepts, such as {@code "a whole number"}. */
    public static String expected(Kind kind) {
        return switch (kind) {
            case STRING -> "text";
            case FILE -> "a file path relative to the graph file";
            case NUMBER -> "a number";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
        };
    }

    private static Optional<JsonNode> parseInteger(String text) {
        if (!text.matches("-?[0-9]{1,1000}")) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(text);
        if (value.bitLength() < 32) {
            return Optional.of(IntNode.valueOf(value.intValue()));
        }
        if (value.bitLength() < 64) {
            return Optional.of(LongNode.valueOf(value.longValue()));
        }
        return Optional.of(BigIntegerNode.valueOf(value));
    }

    private static Optional<JsonNode> parseDecimal(String text) {
        // The JSON number grammar, so that a bound value could also appear in a graph file.
        String jsonNumber = "-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?";
        if (text.length() > 1000 || !text.matches(jsonNumber)) {
            return Optional.empty();
        }
        return Optional.of(DecimalNode.valueOf(new BigDecimal(text)));
    }
}
