package io.reelgraph.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.ParamSpec;
import java.util.Optional;

/**
 * Computes the params a node runs with. A param whose whole value is the string {@code "$name"}
 * refers to graph parameter {@code name} and takes its bound value; {@code "$$x"} is the literal
 * text {@code "$x"}. A {@code $} that is not followed by a valid parameter name, or that sits
 * inside longer text, is plain text. Absent params take their spec's default, and params the
 * node type does not define are left out.
 */
public final class ParamResolver {

    private ParamResolver() {
    }

    /**
     * Resolves the params of a node.
     *
     * @throws IllegalArgumentException if a param refers to a graph parameter without a bound
     *     value; {@link GraphValidator} reports that first, so a validated graph never throws
     */
    public static ObjectNode resolve(Node node, NodeType type, Bindings bindings) {
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        for (ParamSpec spec : type.params()) {
            Optional<JsonNode> value = node.param(spec.name());
            if (value.isPresent()) {
                JsonNode substituted = substitute(node.id(), spec.name(), value.get(), bindings);
                resolved.set(spec.name(), substituted);
            } else if (spec.defaultValue().isPresent()) {
                resolved.set(spec.name(), spec.defaultValue().get());
            }
        }
        return resolved;
    }

    /**
     * Returns the graph parameter a param value refers to, such as {@code script} for
     * {@code "$script"}, or empty when the value is not a reference.
     */
    public static Optional<String> reference(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.asText();
        if (text.length() < 2 || text.charAt(0) != '$' || text.charAt(1) == '$') {
            return Optional.empty();
        }
        String name = text.substring(1);
        return NodeId.isValid(name) ? Optional.of(name) : Optional.empty();
    }

    private static JsonNode substitute(NodeId node, String param, JsonNode value,
            Bindings bindings) {
        return substitute(value, bindings).orElseThrow(() -> new IllegalArgumentException(
                "Param \"" + param + "\" of node " + node + " refers to graph parameter \""
                        + reference(value).orElseThrow() + "\", which has no bound value; "
                        + "validate the graph before resolving its params"));
    }

    /**
     * Returns the value a param takes: the bound value for a reference, the text without its
     * first {@code $} for {@code "$$x"}, else the value itself; empty for an unbound reference.
     */
    static Optional<JsonNode> substitute(JsonNode value, Bindings bindings) {
        Optional<String> reference = reference(value);
        if (reference.isPresent()) {
            return bindings.value(reference.get());
        }
        if (value.isTextual() && value.asText().startsWith("$$")) {
            return Optional.of(TextNode.valueOf(value.asText().substring(1)));
        }
        return Optional.of(value);
    }
}
