package io.reelgraph.app.editor.canvas;

import com.mxgraph.model.mxCell;
import com.mxgraph.view.mxGraph;
import io.reelgraph.app.editor.canvas.CellValue.BadgeLine;
import io.reelgraph.app.editor.canvas.CellValue.NodeBox;
import io.reelgraph.app.editor.canvas.CellValue.PortDot;
import io.reelgraph.app.editor.canvas.CellValue.Wire;
import io.reelgraph.engine.graph.NodeId;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JGraphX graph behind the canvas: only node boxes move, only ports connect, an output
 * connects only to an input its port type can feed, and nothing is edited in place.
 */
final class CanvasGraph extends mxGraph {

    /** Says why a node will run, for the tooltip of its box, badge and ports. */
    private Function<NodeId, Optional<String>> reasons = node -> Optional.empty();

    CanvasGraph() {
        setHtmlLabels(false);
        setCellsEditable(false);
        setCellsResizable(false);
        setCellsCloneable(false);
        setCellsDisconnectable(false);
        setAllowDanglingEdges(false);
        setAllowLoops(false);
        setMultigraph(false);
        setDropEnabled(false);
        setSplitEnabled(false);
        setConnectableEdges(false);
        setEdgeLabelsMovable(false);
        setVertexLabelsMovable(false);
        setAutoSizeCells(false);
        setKeepEdgesInBackground(true);
    }

    static Optional<CellValue> valueOf(Object cell) {
        return cell instanceof mxCell c && c.getValue() instanceof CellValue value
                ? Optional.of(value) : Optional.empty();
    }

    void reasons(Function<NodeId, Optional<String>> source) {
        this.reasons = source;
    }

    /** Returns why the node under the pointer will run, or null for no tooltip. */
    @Override
    public String getToolTipForCell(Object cell) {
        Optional<NodeId> node = nodeOf(cell);
        if (node.isEmpty() && cell instanceof mxCell child) {
            node = nodeOf(child.getParent());
        }
        return node.flatMap(reasons).map(CanvasGraph::html).orElse(null);
    }

    private static Optional<NodeId> nodeOf(Object cell) {
        return valueOf(cell).map(value -> value instanceof NodeBox box ? box.node()
                : value instanceof BadgeLine line ? line.node() : null);
    }

    private static String html(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<html>" + escaped.replace("\n", "<br>") + "</html>";
    }

    @Override
    public String convertValueToString(Object cell) {
        return valueOf(cell).map(CellValue::label).orElse("");
    }

    @Override
    public boolean isCellMovable(Object cell) {
        return valueOf(cell).filter(NodeBox.class::isInstance).isPresent();
    }

    @Override
    public boolean isCellSelectable(Object cell) {
        return valueOf(cell).filter(value -> value instanceof NodeBox || value instanceof Wire)
                .isPresent();
    }

    @Override
    public boolean isCellConnectable(Object cell) {
        return valueOf(cell).filter(PortDot.class::isInstance).isPresent();
    }

    @Override
    public boolean isCellFoldable(Object cell, boolean collapse) {
        return false;
    }

    @Override
    public boolean isPort(Object cell) {
        return valueOf(cell).filter(PortDot.class::isInstance).isPresent();
    }

    @Override
    public boolean isValidSource(Object cell) {
        return valueOf(cell).filter(value -> value instanceof PortDot dot && !dot.input())
                .isPresent();
    }

    @Override
    public boolean isValidTarget(Object cell) {
        return valueOf(cell).filter(value -> value instanceof PortDot dot && dot.input())
                .isPresent();
    }

    /**
     * Returns null for a connection the graph accepts, an empty string for a drop on something
     * that is not an input port (refused without a message), and a message for an input port
     * whose type the output cannot feed. The connection handler asks while the artist drags, so
     * the target is marked valid or invalid live.
     */
    @Override
    public String getEdgeValidationError(Object edge, Object source, Object target) {
        if (!isValidSource(source) || !isValidTarget(target)) {
            return "";
        }
        PortDot from = (PortDot) valueOf(source).orElseThrow();
        PortDot to = (PortDot) valueOf(target).orElseThrow();
        if (from.port().node().equals(to.port().node())) {
            return "";
        }
        return ConnectionRule.rejection(from.port(), from.type(), to.port(), to.type())
                .orElse(null);
    }

    static boolean isBadge(Object cell) {
        return valueOf(cell).filter(BadgeLine.class::isInstance).isPresent();
    }
}
