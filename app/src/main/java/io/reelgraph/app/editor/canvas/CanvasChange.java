package io.reelgraph.app.editor.canvas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.type.NodeTypeRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The drawing changes a new graph makes to the shown one, so that the canvas touches only
 * the cells of the affected nodes and connections. A param edit changes nothing drawn, because
 * params show only in the inspector and in badges.
 *
 * @param removedNodes nodes that are gone
 * @param redrawnNodes nodes whose box must be drawn again: a new type, a new title or other
 *     layout besides the position, or an unknown type whose guessed ports follow its connections
 * @param addedNodes nodes that are new
 * @param movedNodes nodes drawn as before except for their position
 * @param removedConnections connections that are gone
 * @param addedConnections connections that are new
 */
record CanvasChange(Set<NodeId> removedNodes, Set<NodeId> redrawnNodes, Set<NodeId> addedNodes,
        Set<NodeId> movedNodes, Set<Connection> removedConnections,
        Set<Connection> addedConnections) {

    /** Compares two graphs in time linear in their size; unchanged nodes are usually shared. */
    static CanvasChange between(Graph before, Graph after, NodeTypeRegistry types) {
        Set<NodeId> removed = new LinkedHashSet<>();
        Set<NodeId> redrawn = new LinkedHashSet<>();
        Set<NodeId> added = new LinkedHashSet<>();
        Set<NodeId> moved = new LinkedHashSet<>();
        for (Node node : before.nodes()) {
            if (after.node(node.id()).isEmpty()) {
                removed.add(node.id());
            }
        }
        for (Node node : after.nodes()) {
            Optional<Node> old = before.node(node.id());
            if (old.isEmpty()) {
                added.add(node.id());
            } else if (old.get() != node && !old.get().equals(node)) {
                classify(old.get(), node, redrawn, moved);
            }
        }

        Set<Connection> oldConnections = new LinkedHashSet<>(before.connections());
        Set<Connection> newConnections = new LinkedHashSet<>(after.connections());
        Set<Connection> removedConnections = new LinkedHashSet<>(oldConnections);
        removedConnections.removeAll(newConnections);
        Set<Connection> addedConnections = new LinkedHashSet<>(newConnections);
        addedConnections.removeAll(oldConnections);

        // A node of an unknown type shows the ports its connections use, so its ports change
        // with them.
        for (Set<Connection> changed : List.of(removedConnections, addedConnections)) {
            for (Connection connection : changed) {
                for (NodeId end : List.of(connection.from().node(), connection.to().node())) {
                    Optional<Node> node = after.node(end);
                    if (node.isPresent() && !added.contains(end)
                            && types.find(node.get().type()).isEmpty()) {
                        redrawn.add(end);
                        moved.remove(end);
                    }
                }
            }
        }
        return new CanvasChange(removed, redrawn, added, moved, removedConnections,
                addedConnections);
    }

    private static void classify(Node old, Node node, Set<NodeId> redrawn, Set<NodeId> moved) {
        if (!old.type().equals(node.type()) || old.typeVersion() != node.typeVersion()) {
            redrawn.add(node.id());
            return;
        }
        ObjectNode oldLayout = old.layout();
        ObjectNode newLayout = node.layout();
        if (oldLayout.equals(newLayout)) {
            return;
        }
        // Node.layout() returns a copy, so removing the position here changes no node.
        oldLayout.remove(List.of("x", "y"));
        newLayout.remove(List.of("x", "y"));
        if (oldLayout.equals(newLayout)) {
            moved.add(node.id());
        } else {
            redrawn.add(node.id());
        }
    }

    boolean isEmpty() {
        return removedNodes.isEmpty() && redrawnNodes.isEmpty() && addedNodes.isEmpty()
                && movedNodes.isEmpty() && removedConnections.isEmpty()
                && addedConnections.isEmpty();
    }

    /** Returns whether a connection's edge must go because an end is removed or redrawn. */
    boolean replacesEnd(Connection connection) {
        return touches(removedNodes, connection) || touches(redrawnNodes, connection);
    }

    private static boolean touches(Set<NodeId> nodes, Connection connection) {
        return nodes.contains(connection.from().node()) || nodes.contains(connection.to().node());
    }
}
