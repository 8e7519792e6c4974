package io.reelgraph.app.editor.canvas;

import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.PortRef;
import io.reelgraph.engine.type.PortType;

/**
 * The value held by each JGraphX cell of the canvas, so that every cell maps back to a node, a
 * port, a badge line or a connection of the graph.
 */
sealed interface CellValue {

    String label();

    /** A node's box; the label is its header. */
    record NodeBox(NodeId node, String title) implements CellValue {
        @Override
        public String label() {
            return title;
        }
    }

    /** A port dot on the left (input) or right (output) edge of a node box. */
    record PortDot(PortRef port, boolean input, PortType type, boolean list) implements CellValue {
        @Override
        public String label() {
            return port.port() + (list ? " [" + type.displayName() + "]" : " " + type.displayName());
        }
    }

    /** The badge line at the bottom of a node box. */
    record BadgeLine(NodeId node, String text) implements CellValue {
        @Override
        public String label() {
            return text;
        }
    }

    /** A connection between an output dot and an input dot. */
    record Wire(Connection connection) implements CellValue {
        @Override
        public String label() {
            return "";
        }
    }
}
