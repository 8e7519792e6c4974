package io.reelgraph.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.GraphParameter;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A small builder of graphs for engine tests. */
public final class TestGraphs {

    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<GraphParameter> parameters = new ArrayList<>();
    private ObjectNode extra = JsonNodeFactory.instance.objectNode();

    private TestGraphs(String name) {
        this.name = name;
    }

    public static TestGraphs graph(String name) {
        return new TestGraphs(name);
    }

    public TestGraphs node(String id, String type) {
        return node(Node.of(id, type, 1));
    }

    public TestGraphs node(Node node) {
        nodes.add(node);
        return this;
    }

    /** Adds a node with params given as name and value pairs. */
    public TestGraphs node(String id, String type, Object... params) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < params.length; i += 2) {
            values.set((String) params[i], json(params[i + 1]));
        }
        return node(Node.of(id, type, 1).withParams(values));
    }

    /** Connects {@code "node.port"} to {@code "node.port"}. */
    public TestGraphs connect(String from, String to) {
        String[] source = from.split("\\.", 2);
        String[] target = to.split("\\.", 2);
        connections.add(Connection.of(source[0], source[1], target[0], target[1]));
        return this;
    }

    public TestGraphs parameter(String parameterName, GraphParameter.Kind kind,
            Object defaultValue) {
        parameters.add(new GraphParameter(parameterName, kind,
                Optional.ofNullable(defaultValue).map(TestGraphs::json), ""));
        return this;
    }

    public TestGraphs extra(ObjectNode members) {
        this.extra = members;
        return this;
    }

    public Graph build() {
        return Graph.of(name, "", parameters, nodes, connections, extra);
    }

    public static NodeId id(String value) {
        return NodeId.of(value);
    }

    /** Converts a Java value (text, number, boolean or JSON node) to a JSON value. */
    public static JsonNode json(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        return io.reelgraph.engine.artifact.JsonSupport.MAPPER.valueToTree(value);
    }
}
