package io.reelgraph.engine.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A node of a graph: an instance of a node type with named params. Params affect evaluation;
 * layout (position, size, color, title, note) never does. Members of a node that this version
 * does not know are kept in {@link #extra()} and written back unchanged.
 *
 * <p>The JSON values are copied on the way in and out, so a node is immutable.
 */
public final class Node {

    private final NodeId id;
    private final String type;
    private final int typeVersion;
    private final ObjectNode params;
    private final ObjectNode layout;
    private final ObjectNode extra;

    public Node(NodeId id, String type, int typeVersion, ObjectNode params, ObjectNode layout,
            ObjectNode extra) {
        if (type.isBlank()) {
            throw new IllegalArgumentException("Node " + id + " has a blank type");
        }
        if (typeVersion < 1) {
            throw new IllegalArgumentException(
                    "Node " + id + " has type version " + typeVersion + "; versions start at 1");
        }
        this.id = id;
        this.type = type;
        this.typeVersion = typeVersion;
        this.params = params.deepCopy();
        this.layout = layout.deepCopy();
        this.extra = extra.deepCopy();
    }

    public static Node of(String id, String type, int typeVersion) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return new Node(NodeId.of(id), type, typeVersion, json.objectNode(), json.objectNode(),
                json.objectNode());
    }

    public NodeId id() {
        return id;
    }

    public String type() {
        return type;
    }

    public int typeVersion() {
        return typeVersion;
    }

    /** Returns a copy of all params. */
    public ObjectNode params() {
        return params.deepCopy();
    }

    public Optional<JsonNode> param(String name) {
        JsonNode value = params.get(name);
        return value == null || value.isMissingNode() ? Optional.empty() : Optional.of(value.deepCopy());
    }

    /** Returns a copy of the layout: position, size, color, title and note. */
    public ObjectNode layout() {
        return layout.deepCopy();
    }

    /** Returns a copy of the members this version does not know, kept for writing back. */
    public ObjectNode extra() {
        return extra.deepCopy();
    }

    public Node withParam(String name, JsonNode value) {
        ObjectNode changed = params.deepCopy();
        changed.set(name, value.deepCopy());
        return new Node(id, type, typeVersion, changed, layout, extra);
    }

    public Node withoutParam(String name) {
        ObjectNode changed = params.deepCopy();
        changed.remove(name);
        return new Node(id, type, typeVersion, changed, layout, extra);
    }

    public Node withParams(ObjectNode newParams) {
        return new Node(id, type, typeVersion, newParams, layout, extra);
    }

    public Node withLayout(ObjectNode newLayout) {
        return new Node(id, type, typeVersion, params, newLayout, extra);
    }

    public Node withId(NodeId newId) {
        return new Node(newId, type, typeVersion, params, layout, extra);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Node node
                && id.equals(node.id)
                && type.equals(node.type)
                && typeVersion == node.typeVersion
                && params.equals(node.params)
                && layout.equals(node.layout)
                && extra.equals(node.extra);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + params.hashCode();
    }

    @Override
    public String toString() {
        return "Node[" + id + ", " + type + "@" + typeVersion + "]";
    }
}
