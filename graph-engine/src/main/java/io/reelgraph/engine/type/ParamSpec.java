package io.reelgraph.engine.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A named param of a node type, with its kind, default, range and unit.
 *
 * @param affectsOutput false for display-only params, which never enter a cache key
 * @param required whether a node must set it (a param with a default is never required)
 */
public record ParamSpec(String name, ParamKind kind, Optional<JsonNode> defaultValue,
        Optional<BigDecimal> min, Optional<BigDecimal> max, List<String> allowed, String unit,
        String description, boolean affectsOutput, boolean required) {

    /** The value kinds of params. */
    public enum ParamKind {
        STRING, TEXT, INTEGER, NUMBER, BOOLEAN, ENUM, FILE, MODEL
    }

    public ParamSpec {
        defaultValue = defaultValue.map(JsonNode::deepCopy);
        allowed = List.copyOf(allowed);
    }

    public static Builder builder(String name, ParamKind kind) {
        return new Builder(name, kind);
    }

    /**
     * Checks a value against the kind, range and allowed values.
     *
     * @return a problem description such as {@code "must be at least 64 px, got 12"}, or empty
     */
    public Optional<String> check(JsonNode value) {
        switch (kind) {
            case STRING, TEXT, FILE, MODEL -> {
                if (!value.isTextual()) {
                    return Optional.of("must be text, got " + describe(value));
                }
            }
            case ENUM -> {
                if (!value.isTextual() || !allowed.contains(value.asText())) {
                    return Optional.of("must be one of " + allowed + ", got " + describe(value));
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    return Optional.of("must be true or false, got " + describe(value));
                }
            }
            case INTEGER -> {
                if (!value.isIntegralNumber()) {
                    return Optional.of("must be a whole number, got " + describe(value));
                }
                return checkRange(value.decimalValue());
            }
            case NUMBER -> {
                if (!value.isNumber()) {
                    return Optional.of("must be a number, got " + describe(value));
                }
                return checkRange(value.decimalValue());
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkRange(BigDecimal number) {
        String suffix = unit.isEmpty() ? "" : " " + unit;
        if (min.isPresent() && number.compareTo(min.get()) < 0) {
            return Optional.of("must be at least " + min.get().toPlainString() + suffix + ", got "
                    + number.toPlainString());
        }
        if (max.isPresent() && number.compareTo(max.get()) > 0) {
            return Optional.of("must be at most " + max.get().toPlainString() + suffix + ", got "
                    + number.toPlainString());
        }
        return Optional.empty();
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 59) + "…" : text;
    }

    /** Builder for param specs; params affect output unless marked display-only. */
    public static final class Builder {
        private final String name;
        private final ParamKind kind;
        private Optional<JsonNode> defaultValue = Optional.empty();
        private Optional<BigDecimal> min = Optional.empty();
        private Optional<BigDecimal> max = Optional.empty();
        private List<String> allowed = List.of();
        private String unit = "";
        private String description = "";
        private boolean affectsOutput = true;
        private boolean required;

        private Builder(String name, ParamKind kind) {
            this.name = name;
            this.kind = kind;
        }

        public Builder defaultValue(JsonNode value) {
            this.defaultValue = Optional.of(value);
            return this;
        }

        public Builder range(long minimum, long maximum) {
            this.min = Optional.of(BigDecimal.valueOf(minimum));
            this.max = Optional.of(BigDecimal.valueOf(maximum));
            return this;
        }

        public Builder min(BigDecimal minimum) {
            this.min = Optional.of(minimum);
            return this;
        }

        public Builder max(BigDecimal maximum) {
            this.max = Optional.of(maximum);
            return this;
        }

        public Builder allowed(List<String> values) {
            this.allowed = values;
            return this;
        }

        public Builder unit(String value) {
            this.unit = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder displayOnly() {
            this.affectsOutput = false;
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public ParamSpec build() {
            return new ParamSpec(name, kind, defaultValue, min, max, allowed, unit, description,
                    affectsOutput, required && defaultValue.isEmpty());
        }
    }
}
