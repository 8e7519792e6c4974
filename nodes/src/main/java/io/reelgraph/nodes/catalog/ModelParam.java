package io.reelgraph.nodes.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The schema of one model param.
 *
 * @param defaultValue the value the provider uses when the param is not sent
 * @param allowed the only values accepted; empty when any value of the kind is accepted
 * @param unit the unit of a numeric value such as {@code s}, {@code ms} or {@code px}; empty if
 *     none
 * @param usage the usage field this param supplies to a price estimate, if any
 */
public record ModelParam(
        String name,
        ParamKind kind,
        Optional<JsonNode> defaultValue,
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        List<JsonNode> allowed,
        String unit,
        boolean required,
        Optional<UsageField> usage) {

    private static final int MAX_SHOWN_VALUE_LENGTH = 80;

    public ModelParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        allowed = List.copyOf(allowed);
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(usage, "usage");
    }

    /** Checks one value against this schema and returns the problem, or empty if it is valid. */
    public Optional<String> check(JsonNode value) {
        Optional<String> kindProblem = checkKind(value);
        if (kindProblem.isPresent()) {
            return kindProblem;
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(a -> sameValue(a, value))) {
            return Optional.of(name + " must be one of " + allowedText() + ", got " + show(value));
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (min.isPresent() && number.compareTo(min.get()) < 0) {
                return Optional.of(name + " must be at least " + min.get().toPlainString()
                        + ", got " + show(value));
            }
            if (max.isPresent() && number.compareTo(max.get()) > 0) {
                return Optional.of(name + " must be at most " + max.get().toPlainString()
                        + ", got " + show(value));
            }
        }
        return Optional.empty();
    }

    /** Lists the allowed values as {@code [5, 10]} or {@code [low, high]}. */
    public String allowedText() {
        return allowed.stream().map(JsonNode::asText).collect(Collectors.joining(", ", "[", "]"));
    }

    private Optional<String> checkKind(JsonNode value) {
        boolean matches = switch (kind) {
            case INTEGER -> value.isIntegralNumber();
            case NUMBER -> value.isNumber();
            case ENUM, STRING -> value.isTextual();
            case BOOLEAN -> value.isBoolean();
        };
        if (matches) {
            return Optional.empty();
        }
        String expected = switch (kind) {
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case ENUM -> "one of " + allowedText();
            case STRING -> "a string";
            case BOOLEAN -> "true or false";
        };
        return Optional.of(name + " must be " + expected + ", got " + show(value));
    }

    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    static String show(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_SHOWN_VALUE_LENGTH
                ? text
                : text.substring(0, MAX_SHOWN_VALUE_LENGTH) + "...";
    }
}
