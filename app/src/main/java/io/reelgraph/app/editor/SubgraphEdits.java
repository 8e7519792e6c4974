package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.app.editor.canvas.CanvasListener.Position;
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.Subgraph;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The editor's subgraph edits as functions from graph to graph, so that each is one undoable
 * document edit: group, expose a param, move a subgraph, add a node inside one.
 */
final class SubgraphEdits {

    private SubgraphEdits() {
    }

    /**
     * Returns the graph with the nodes grouped into a new subgraph, placed at the top-left
     * corner of its members so that it appears where they were.
     *
     * @throws IllegalArgumentException with a message for the artist when a node cannot be
     *     grouped: it is missing, it is a subgraph, or it already belongs to one
     */
    static Graph group(Graph graph, Set<NodeId> nodes, NodeId id) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("Select the nodes to group first.");
        }
        for (NodeId node : nodes) {
            if (graph.subgraph(node).isPresent()) {
                throw new IllegalArgumentException("Subgraph " + node + " cannot be grouped"
                        + " again, because subgraphs do not nest; ungroup it first.");
            }
            if (graph.node(node).isEmpty()) {
                throw new IllegalArgumentException("Node " + node + " is not in the graph.");
            }
            Optional<Subgraph> owner = graph.subgraphOf(node);
            if (owner.isPresent()) {
                throw new IllegalArgumentException("Node " + node + " already belongs to"
                        + " subgraph " + owner.get().id() + "; ungroup it first.");
            }
        }
        Subgraph subgraph = new Subgraph(id, "Group " + id.value().replace("group-", ""),
                new TreeSet<>(nodes), new TreeMap<>(), corner(graph, nodes));
        return graph.withSubgraph(subgraph);
    }

    /** Returns a subgraph id that is neither a node id nor a subgraph id of the graph. */
    static NodeId freeId(Graph graph) {
        for (int number = 1; ; number++) {
            NodeId candidate = NodeId.of("group-" + number);
            if (graph.node(candidate).isEmpty() && graph.subgraph(candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    /**
     * Returns a copy that exposes the param under its own name, or under {@code node param}
     * when a param of another member already has that name; or a copy without it.
     */
    static Subgraph expose(Subgraph subgraph, ExposedParam param, boolean exposed) {
        Optional<String> current = subgraph.exposedNameOf(param);
        if (!exposed) {
            return current.map(subgraph::withoutExposed).orElse(subgraph);
        }
        if (current.isPresent()) {
            return subgraph;
        }
        String name = subgraph.exposedParam(param.param()).isEmpty()
                ? param.param() : param.node() + " " + param.param();
        return subgraph.withExposed(name, param);
    }

    /** Moves a subgraph's own box; its members keep their positions for ungrouping. */
    static Graph moved(Graph graph, NodeId id, Position position) {
        Optional<Subgraph> subgraph = graph.subgraph(id);
        if (subgraph.isEmpty()) {
            return graph;
        }
        ObjectNode layout = subgraph.get().layout();
        layout.put("x", position.x());
        layout.put("y", position.y());
        return graph.withSubgraph(subgraph.get().withLayout(layout));
    }

    /** Adds a node, as a member of the subgraph whose inside is shown, if any. */
    static Graph addNode(Graph graph, Node node, Optional<NodeId> inside) {
        Graph added = graph.withNode(node);
        Optional<Subgraph> subgraph = inside.flatMap(graph::subgraph);
        if (subgraph.isEmpty()) {
            return added;
        }
        Set<NodeId> members = new TreeSet<>(subgraph.get().members());
        members.add(node.id());
        return added.withSubgraph(new Subgraph(subgraph.get().id(), subgraph.get().name(),
                new TreeSet<>(members), new TreeMap<>(subgraph.get().exposed()),
                subgraph.get().layout()));
    }

    private static ObjectNode corner(Graph graph, Set<NodeId> nodes) {
        int x = Integer.MAX_VALUE;
        int y = Integer.MAX_VALUE;
        for (NodeId node : nodes) {
            ObjectNode layout = graph.requireNode(node).layout();
            x = Math.min(x, coordinate(layout.path("x")));
            y = Math.min(y, coordinate(layout.path("y")));
        }
        ObjectNode layout = JsonNodeFactory.instance.objectNode();
        layout.put("x", x);
        layout.put("y", y);
        return layout;
    }

    private static int coordinate(JsonNode value) {
        return value.isNumber() ? value.asInt() : 40;
    }
}
