package io.reelgraph.app.editor.canvas;

import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.NodeId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Receives the edits an artist makes on the canvas. The canvas never changes its graph itself:
 * the listener applies each edit to the document and hands the changed graph back through
 * {@link GraphCanvas#showGraph}. Called on the event dispatch thread.
 */
public interface CanvasListener {

    void selectionChanged(Optional<NodeId> node);

    /** The artist dragged an output port onto an input port whose types match. */
    void connectRequested(Connection connection);

    /** The artist dropped a connection on an input port that its output cannot feed. */
    void connectionRejected(String message);

    /** The artist moved nodes; the map holds each moved node's new top-left corner. */
    void nodesMoved(Map<NodeId, Position> positions);

    /** The artist pressed Delete with nodes or connections selected. */
    void deleteRequested(Set<NodeId> nodes, Set<Connection> connections);

    /**
     * The artist pressed Tab or double-clicked empty canvas to add a node; the next
     * {@link GraphCanvas#freeSpot} returns the clicked spot, if there was one.
     */
    void addNodeRequested();

    /**
     * Opens a node, such as the inside of a subgraph, after the artist double-clicked it or
     * pressed Enter with it selected. The default ignores the request.
     */
    default void openRequested(NodeId node) {
    }

    /** A node's top-left corner in graph coordinates. */
    record Position(int x, int y) {
    }
}
