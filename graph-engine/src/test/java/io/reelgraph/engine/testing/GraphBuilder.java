package io.reelgraph.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.JsonSupport;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.GraphParameter;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import java.util.ArrayList;
import java.util.List;

/** Builds small graphs for tests: {@code node("a", "test.source", "items", "x,y")}. */
public final class GraphBuilder {

    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<GraphParameter> parameters = new ArrayList<>();

    private GraphBuilder(String name) {
        this.name = name;
    }

    public static GraphBuilder graph(String name) {
        return new GraphBuilder(name);
    }

    /** Adds a node with params given as name, value pairs; values become JSON. */
    public GraphBuilder node(String id, String type, Object... params) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < params.length; i += 2) {
            values.set((String) params[i], JsonSupport.MAPPER.valueToTree(params[i + 1]));
        }
        JsonNodeFactory json = JsonNodeFactory.instance;
        nodes.add(new Node(NodeId.of(id), type, 1, values, json.objectNode(), json.objectNode()));
        return this;
    }

    /** Connects {@code "node.port"} to {@code "node.port"}. */
    public GraphBuilder connect(String from, String to) {
        String[] source = from.split("\\.", 2);
        String[] target = to.split("\\.", 2);
        connections.add(Connection.of(source[0], source[1], target[0], target[1]));
        return this;
    }

    public GraphBuilder parameter(GraphParameter parameter) {
        parameters.add(parameter);
        return this;
    }

    public Graph build() {
        return Graph.of(name, "", parameters, nodes, connections,
                JsonNodeFactory.instance.objectNode());
    }

    /** Returns a copy of the graph with one param of one node changed. */
    public static Graph withParam(Graph graph, String node, String param, Object value) {
        JsonNode json = JsonSupport.MAPPER.valueToTree(value);
        return graph.withParam(NodeId.of(node), param, json);
    }
}
