package io.reelgraph.engine.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * An input that a reusable graph exposes, such as the screenplay file. Node params refer to it
 * as {@code "$name"}; a run binds it with {@code --set name=value} or takes the default.
 */
public record GraphParameter(String name, Kind kind, Optional<JsonNode> defaultValue,
        String description) {

    /** The value kinds a graph parameter can take. */
    public enum Kind {
        STRING, NUMBER, INTEGER, BOOLEAN, FILE;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> fromJsonName(String name) {
            for (Kind kind : values()) {
                if (kind.jsonName().equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public GraphParameter {
        if (!NodeId.isValid(name)) {
            throw new IllegalArgumentException("Invalid graph parameter name \""
                    + Texts.shorten(name) + "\": use letters, digits, '-', '_' or '.'");
        }
        defaultValue = defaultValue.map(JsonNode::deepCopy);
    }
}
