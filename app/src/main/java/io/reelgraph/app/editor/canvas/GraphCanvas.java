package io.reelgraph.app.editor.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mxgraph.model.mxCell;
import com.mxgraph.model.mxGeometry;
import com.mxgraph.model.mxIGraphModel;
import com.mxgraph.swing.handler.mxConnectionHandler;
import com.mxgraph.swing.mxGraphComponent;
import com.mxgraph.util.mxEvent;
import com.mxgraph.util.mxPoint;
import com.mxgraph.util.mxRectangle;
import com.mxgraph.view.mxCellState;
import io.reelgraph.app.editor.canvas.CanvasListener.Position;
import io.reelgraph.app.editor.canvas.CellValue.BadgeLine;
import io.reelgraph.app.editor.canvas.CellValue.NodeBox;
import io.reelgraph.app.editor.canvas.CellValue.PortDot;
import io.reelgraph.app.editor.canvas.CellValue.Wire;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.PortRef;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.Point;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.swing.AbstractAction;
import javax.swing.InputMap;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;

/**
 * The node canvas: shows a graph as node boxes with a header coloured by node category, typed
 * port dots and connections, plus a badge line per node. The artist moves nodes, drags an
 * output port onto an input port to connect them, deletes with Delete, frames all with F and
 * requests a new node with Tab or a double-click on empty canvas; each edit
 * goes to the {@link CanvasListener}, which hands the changed graph back through
 * {@link #showGraph}. JGraphX stays inside this package.
 */
public final class GraphCanvas extends JPanel {

    private static final double MIN_SCALE = 0.2;
    private static final double MAX_SCALE = 2.5;

    private final CanvasListener listener;
    private final CanvasGraph graph = new CanvasGraph();
    private final mxGraphComponent component;
    private final Map<NodeId, mxCell> boxes = new HashMap<>();
    private final Map<DotKey, mxCell> dots = new HashMap<>();
    private final Map<NodeId, mxCell> badgeCells = new HashMap<>();
    private Map<NodeId, NodeBadges> badges = Map.of();
    private Graph shown = Graph.empty("");
    private NodeTypeRegistry types = NodeTypeRegistry.of(List.of());
    private Optional<NodeId> selected = Optional.empty();
    private Optional<Position> requestedSpot = Optional.empty();
    private boolean rebuilding;

    public GraphCanvas(CanvasListener listener) {
        super(new BorderLayout());
        this.listener = listener;
        component = new mxGraphComponent(graph) {
            @Override
            protected mxConnectionHandler createConnectionHandler() {
                return new CheckedConnectionHandler(this, GraphCanvas.this::rejected);
            }
        };
        component.setConnectable(true);
        component.setDragEnabled(false);
        component.setToolTips(true);
        component.setPanning(true);
        component.setFoldingEnabled(false);
        component.setAntiAlias(true);
        component.setTextAntiAlias(true);
        component.getViewport().setOpaque(true);
        component.getViewport().setBackground(CanvasStyles.canvasBackground());
        component.setName("canvas");
        component.getGraphControl().setName("canvas.graph");
        add(component, BorderLayout.CENTER);
        setPreferredSize(new Dimension(900, 560));
        installListeners();
        installKeys();
    }

    /**
     * Shows a graph, keeping the selected node selected if it still exists. A graph that draws
     * the same as the one shown keeps the drawn cells, and one whose nodes only moved keeps them
     * and moves their boxes, because rebuilding takes about a second on 2,000 nodes.
     */
    public void showGraph(Graph newGraph, NodeTypeRegistry registry) {
        requireEventDispatchThread();
        Change change = registry == types ? changeBetween(shown, newGraph) : Change.STRUCTURE;
        this.shown = newGraph;
        this.types = registry;
        if (change == Change.STRUCTURE) {
            rebuild();
        } else if (change == Change.POSITIONS) {
            moveBoxes();
        }
    }

    /** The kind of change a new graph makes to the drawing of the shown one. */
    private enum Change { NONE, POSITIONS, STRUCTURE }

    private static Change changeBetween(Graph before, Graph after) {
        if (before.nodeCount() != after.nodeCount()
                || !before.connections().equals(after.connections())) {
            return Change.STRUCTURE;
        }
        Change change = Change.NONE;
        for (Node node : after.nodes()) {
            Optional<Node> old = before.node(node.id());
            if (old.isEmpty() || !old.get().type().equals(node.type())) {
                return Change.STRUCTURE;
            }
            ObjectNode oldLayout = old.get().layout();
            ObjectNode newLayout = node.layout();
            if (oldLayout.equals(newLayout)) {
                continue;
            }
            // Node.layout() returns a copy, so removing the position here changes no node.
            oldLayout.remove(List.of("x", "y"));
            newLayout.remove(List.of("x", "y"));
            if (!oldLayout.equals(newLayout)) {
                return Change.STRUCTURE;
            }
            change = Change.POSITIONS;
        }
        return change;
    }

    private void moveBoxes() {
        rebuilding = true;
        mxIGraphModel model = graph.getModel();
        model.beginUpdate();
        try {
            int index = 0;
            for (Node node : shown.nodes()) {
                Position position = position(node, index++);
                mxCell box = boxes.get(node.id());
                mxGeometry geometry = box.getGeometry();
                if (geometry.getX() != position.x() || geometry.getY() != position.y()) {
                    mxGeometry moved = (mxGeometry) geometry.clone();
                    moved.setX(position.x());
                    moved.setY(position.y());
                    model.setGeometry(box, moved);
                }
            }
        } finally {
            model.endUpdate();
            rebuilding = false;
        }
    }

    /**
     * Shows a badge line per node; nodes missing from the map show none. Only the badge cells
     * whose line changed are updated, because a run calls this once per finished work item.
     */
    public void showBadges(Map<NodeId, NodeBadges> newBadges) {
        requireEventDispatchThread();
        Map<NodeId, NodeBadges> before = badges;
        this.badges = Map.copyOf(newBadges);
        mxIGraphModel model = graph.getModel();
        model.beginUpdate();
        try {
            for (Map.Entry<NodeId, mxCell> entry : badgeCells.entrySet()) {
                NodeId node = entry.getKey();
                if (badges.getOrDefault(node, NodeBadges.NONE)
                        .equals(before.getOrDefault(node, NodeBadges.NONE))) {
                    continue;
                }
                NodeBadges badge = badgeFor(node);
                model.setValue(entry.getValue(), new BadgeLine(entry.getKey(), badge.text()));
                model.setStyle(entry.getValue(), CanvasStyles.badge(badge.failed() > 0));
            }
        } finally {
            model.endUpdate();
        }
    }

    /** Returns the badge line a node shows now, for tests and tooltips. */
    public String badgeText(NodeId node) {
        return badgeFor(node).text();
    }

    public Optional<NodeId> selectedNode() {
        return selected;
    }

    /** Returns every selected node, in selection order. */
    public Set<NodeId> selectedNodes() {
        Set<NodeId> nodes = new LinkedHashSet<>();
        for (Object cell : graph.getSelectionCells()) {
            if (CanvasGraph.valueOf(cell).orElse(null) instanceof NodeBox box) {
                nodes.add(box.node());
            }
        }
        return nodes;
    }

    /** Selects several nodes at once, replacing the selection. */
    public void selectAll(Set<NodeId> nodes) {
        requireEventDispatchThread();
        graph.setSelectionCells(nodes.stream().map(boxes::get)
                .filter(java.util.Objects::nonNull).toArray());
    }

    /** Selects a node, or clears the selection, and scrolls the node into view. */
    public void select(Optional<NodeId> node) {
        requireEventDispatchThread();
        Optional<mxCell> cell = node.map(boxes::get);
        if (cell.isPresent()) {
            graph.setSelectionCell(cell.get());
            component.scrollCellToVisible(cell.get());
        } else {
            graph.clearSelection();
        }
    }

    public void zoomIn() {
        component.zoomIn();
    }

    public void zoomOut() {
        component.zoomOut();
    }

    /** Zooms so the whole graph fits the visible area, between 20% and 250%. */
    public void fit() {
        requireEventDispatchThread();
        mxRectangle bounds = graph.getGraphBounds();
        double scale = graph.getView().getScale();
        Dimension visible = component.getViewport().getExtentSize();
        if (bounds.getWidth() <= 0 || visible.width <= 0) {
            return;
        }
        double width = bounds.getWidth() / scale + 80;
        double height = bounds.getHeight() / scale + 80;
        double fitted = Math.min(visible.width / width, visible.height / height);
        component.zoomTo(Math.max(MIN_SCALE, Math.min(MAX_SCALE, fitted)), false);
        component.getHorizontalScrollBar().setValue(0);
        component.getVerticalScrollBar().setValue(0);
    }

    public double zoom() {
        return graph.getView().getScale();
    }

    /**
     * Returns where the next added node goes, in graph coordinates: the empty spot the artist
     * last double-clicked, once, and otherwise a free spot near the middle of the visible area.
     */
    public Position freeSpot() {
        if (requestedSpot.isPresent()) {
            Position spot = requestedSpot.get();
            requestedSpot = Optional.empty();
            return spot;
        }
        java.awt.Rectangle visible = component.getViewport().getViewRect();
        double scale = graph.getView().getScale();
        int x = (int) ((visible.getCenterX() - CanvasStyles.NODE_WIDTH / 2.0) / scale);
        int y = (int) ((visible.getCenterY() - 60) / scale);
        int offset = 0;
        while (occupied(x + offset, y + offset) && offset < 400) {
            offset += 30;
        }
        return new Position(Math.max(0, x + offset), Math.max(0, y + offset));
    }

    /** Returns where a port dot is on the screen, for tests that drag connections. */
    public Optional<Point> portOnScreen(PortRef port, boolean input) {
        return centerOnScreen(dots.get(new DotKey(port, input)));
    }

    /** Returns where a node's header is on the screen, for tests that click nodes. */
    public Optional<Point> nodeOnScreen(NodeId node) {
        mxCell cell = boxes.get(node);
        if (cell == null) {
            return Optional.empty();
        }
        mxCellState state = graph.getView().getState(cell);
        if (state == null || !component.isShowing()) {
            return Optional.empty();
        }
        Point point = new Point((int) state.getCenterX(),
                (int) (state.getY() + CanvasStyles.HEADER_HEIGHT * graph.getView().getScale() / 2));
        SwingUtilities.convertPointToScreen(point, component.getGraphControl());
        return Optional.of(point);
    }

    private Optional<Point> centerOnScreen(mxCell cell) {
        if (cell == null || !component.isShowing()) {
            return Optional.empty();
        }
        mxCellState state = graph.getView().getState(cell);
        if (state == null) {
            return Optional.empty();
        }
        Point point = new Point((int) state.getCenterX(), (int) state.getCenterY());
        SwingUtilities.convertPointToScreen(point, component.getGraphControl());
        return Optional.of(point);
    }

    private boolean occupied(int x, int y) {
        for (Node node : shown.nodes()) {
            Position position = position(node, 0);
            if (Math.abs(position.x() - x) < 40 && Math.abs(position.y() - y) < 40) {
                return true;
            }
        }
        return false;
    }

    private void rebuild() {
        rebuilding = true;
        mxIGraphModel model = graph.getModel();
        model.beginUpdate();
        try {
            // A fresh root drops every cell at once. On a 2,000-node graph removeCells took
            // about 3 s per edit, because it looks up the edges of each removed cell.
            mxCell root = new mxCell();
            root.insert(new mxCell());
            model.setRoot(root);
            boxes.clear();
            dots.clear();
            badgeCells.clear();
            int index = 0;
            for (Node node : shown.nodes()) {
                addNode(node, index++);
            }
            for (Connection connection : shown.connections()) {
                addWire(connection);
            }
        } finally {
            model.endUpdate();
            rebuilding = false;
        }
        Optional<mxCell> keep = selected.map(boxes::get);
        rebuilding = true;
        try {
            if (keep.isPresent()) {
                graph.setSelectionCell(keep.get());
            } else {
                graph.clearSelection();
            }
        } finally {
            rebuilding = false;
        }
        if (keep.isEmpty() && selected.isPresent()) {
            selected = Optional.empty();
            listener.selectionChanged(selected);
        }
    }

    private void addNode(Node node, int index) {
        Optional<NodeType> type = types.find(node.type());
        List<PortSpec> inputs = type.map(NodeType::inputs).orElseGet(() -> guessedPorts(node, true));
        List<PortSpec> outputs =
                type.map(NodeType::outputs).orElseGet(() -> guessedPorts(node, false));
        int rows = Math.max(1, Math.max(inputs.size(), outputs.size()));
        int height = CanvasStyles.HEADER_HEIGHT + 6 + rows * CanvasStyles.PORT_ROW
                + CanvasStyles.BADGE_HEIGHT;
        Position position = position(node, index);
        NodeCategory category = type.map(NodeType::category).orElse(NodeCategory.PLACEHOLDER);
        Object parent = graph.getDefaultParent();

        mxCell box = (mxCell) graph.insertVertex(parent, node.id().value(),
                new NodeBox(node.id(), title(node, type)), position.x(), position.y(),
                CanvasStyles.NODE_WIDTH, height, CanvasStyles.header(category, type.isEmpty()));
        boxes.put(node.id(), box);
        addDots(box, node.id(), inputs, true);
        addDots(box, node.id(), outputs, false);

        mxCell badge = (mxCell) graph.insertVertex(box, null,
                new BadgeLine(node.id(), badgeFor(node.id()).text()), 0,
                height - CanvasStyles.BADGE_HEIGHT, CanvasStyles.NODE_WIDTH,
                CanvasStyles.BADGE_HEIGHT, CanvasStyles.badge(badgeFor(node.id()).failed() > 0));
        badge.setConnectable(false);
        badgeCells.put(node.id(), badge);
    }

    private void addDots(mxCell box, NodeId node, List<PortSpec> ports, boolean input) {
        int half = CanvasStyles.PORT_SIZE / 2;
        int x = input ? -half : CanvasStyles.NODE_WIDTH - half;
        for (int row = 0; row < ports.size(); row++) {
            PortSpec spec = ports.get(row);
            int y = CanvasStyles.HEADER_HEIGHT + 6 + row * CanvasStyles.PORT_ROW
                    + (CanvasStyles.PORT_ROW - CanvasStyles.PORT_SIZE) / 2;
            PortRef ref = new PortRef(node, spec.name());
            PortDot dot = new PortDot(ref, input, spec.type(),
                    spec.cardinality() == io.reelgraph.engine.type.Cardinality.LIST);
            mxCell cell = (mxCell) graph.insertVertex(box, null, dot, x, y,
                    CanvasStyles.PORT_SIZE, CanvasStyles.PORT_SIZE,
                    CanvasStyles.port(spec.type(), input));
            dots.put(new DotKey(ref, input), cell);
        }
    }

    private void addWire(Connection connection) {
        mxCell from = dots.get(new DotKey(connection.from(), false));
        mxCell to = dots.get(new DotKey(connection.to(), true));
        if (from == null || to == null) {
            // NOTE: a connection to a port its node type lacks is not drawn; validation reports it.
            return;
        }
        PortType type = ((PortDot) from.getValue()).type();
        graph.insertEdge(graph.getDefaultParent(), null, new Wire(connection), from, to,
                CanvasStyles.wire(type));
    }

    /** Ports of a node whose type is unknown, taken from its connections so none are lost. */
    private List<PortSpec> guessedPorts(Node node, boolean input) {
        Set<String> names = new LinkedHashSet<>();
        List<Connection> connections = input ? shown.incoming(node.id()) : shown.outgoing(node.id());
        for (Connection connection : connections) {
            names.add(input ? connection.to().port() : connection.from().port());
        }
        List<PortSpec> ports = new ArrayList<>();
        for (String name : names) {
            ports.add(PortSpec.one(name, PortType.ANY, "port of an unknown node type"));
        }
        return ports;
    }

    private static String title(Node node, Optional<NodeType> type) {
        JsonNode title = node.layout().path("title");
        if (title.isTextual() && !title.asText().isBlank()) {
            return title.asText();
        }
        return type.map(NodeType::displayName).orElse(node.type()) + " (" + node.id() + ")";
    }

    private static Position position(Node node, int index) {
        JsonNode layout = node.layout();
        int x = layout.path("x").isNumber() ? layout.path("x").asInt() : 40 + (index % 4) * 280;
        int y = layout.path("y").isNumber() ? layout.path("y").asInt() : 40 + (index / 4) * 200;
        return new Position(x, y);
    }

    private NodeBadges badgeFor(NodeId node) {
        NodeBadges badge = badges.getOrDefault(node, NodeBadges.NONE);
        boolean unknown = shown.node(node).map(n -> types.find(n.type()).isEmpty()).orElse(false);
        if (unknown && !badge.unknownType()) {
            return new NodeBadges(badge.projectedUsd(), badge.items(), badge.cached(),
                    badge.finished(), badge.running(), badge.failed(), badge.draft(), true);
        }
        return badge;
    }

    private void installListeners() {
        graph.getSelectionModel().addListener(mxEvent.CHANGE, (sender, event) -> {
            if (!rebuilding) {
                selectionChanged();
            }
        });
        graph.addListener(mxEvent.CELLS_MOVED, (sender, event) -> {
            Object[] cells = (Object[]) event.getProperty("cells");
            Map<NodeId, Position> moved = new LinkedHashMap<>();
            for (Object cell : cells) {
                if (CanvasGraph.valueOf(cell).orElse(null) instanceof NodeBox box) {
                    mxGeometry geometry = ((mxCell) cell).getGeometry();
                    moved.put(box.node(), new Position((int) Math.round(geometry.getX()),
                            (int) Math.round(geometry.getY())));
                }
            }
            if (!moved.isEmpty() && !rebuilding) {
                EventQueue.invokeLater(() -> listener.nodesMoved(moved));
            }
        });
        component.getConnectionHandler().addListener(mxEvent.CONNECT, (sender, event) -> {
            mxCell edge = (mxCell) event.getProperty("cell");
            connected(edge);
        });
        component.getGraphControl().addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                component.getGraphControl().requestFocusInWindow();
            }

            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && SwingUtilities.isLeftMouseButton(e)) {
                    Object cell = component.getCellAt(e.getX(), e.getY());
                    if (cell == null) {
                        emptyCanvasDoubleClicked(e.getPoint());
                    } else if (CanvasGraph.valueOf(cell).orElse(null) instanceof NodeBox box) {
                        listener.openRequested(box.node());
                    }
                }
            }
        });
        component.addMouseWheelListener(event -> {
            if (event.isControlDown() || event.isMetaDown()) {
                if (event.getWheelRotation() < 0) {
                    zoomIn();
                } else {
                    zoomOut();
                }
                event.consume();
            }
        });
    }

    private void emptyCanvasDoubleClicked(Point point) {
        double scale = graph.getView().getScale();
        mxPoint translate = graph.getView().getTranslate();
        int x = (int) Math.round(point.getX() / scale - translate.getX());
        int y = (int) Math.round(point.getY() / scale - translate.getY());
        requestedSpot = Optional.of(new Position(Math.max(0, x), Math.max(0, y)));
        listener.addNodeRequested();
    }

    private void connected(mxCell edge) {
        Optional<CellValue> source = CanvasGraph.valueOf(edge.getSource());
        Optional<CellValue> target = CanvasGraph.valueOf(edge.getTarget());
        // The edge JGraphX just added is removed again; the listener's graph is the truth.
        EventQueue.invokeLater(() -> {
            if (source.orElse(null) instanceof PortDot from
                    && target.orElse(null) instanceof PortDot to) {
                listener.connectRequested(new Connection(from.port(), to.port()));
            }
            if (graph.getModel().contains(edge)) {
                graph.removeCells(new Object[] {edge});
            }
        });
    }

    private void rejected(String message) {
        listener.connectionRejected(message);
    }

    private void selectionChanged() {
        Optional<NodeId> now = Optional.empty();
        for (Object cell : graph.getSelectionCells()) {
            if (CanvasGraph.valueOf(cell).orElse(null) instanceof NodeBox box) {
                now = Optional.of(box.node());
                break;
            }
        }
        if (!now.equals(selected)) {
            selected = now;
            listener.selectionChanged(now);
        }
    }

    private void installKeys() {
        JComponent control = component.getGraphControl();
        InputMap keys = control.getInputMap(JComponent.WHEN_FOCUSED);
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0), "reelgraph.delete");
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_BACK_SPACE, 0), "reelgraph.delete");
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_F, 0), "reelgraph.fit");
        // Tab adds a node, as in common node editors, so it no longer moves the focus on.
        control.setFocusTraversalKeysEnabled(false);
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_TAB, 0), "reelgraph.add");
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "reelgraph.open");
        bind(control, "reelgraph.open", () -> selected.ifPresent(listener::openRequested));
        bind(control, "reelgraph.delete", this::deleteSelection);
        bind(control, "reelgraph.fit", this::fit);
        bind(control, "reelgraph.add", () -> {
            requestedSpot = Optional.empty();
            listener.addNodeRequested();
        });
    }

    private static void bind(JComponent control, String name, Runnable behaviour) {
        control.getActionMap().put(name, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent event) {
                behaviour.run();
            }
        });
    }

    /** Moves the keyboard focus to the canvas, so that its keys (Delete, F, Tab) work. */
    public void focusCanvas() {
        component.getGraphControl().requestFocusInWindow();
    }

    /**
     * Hands drops on the canvas to {@code handler}, in place of JGraphX's own handler, which the
     * editor does not use because dragging cells between components is turned off.
     */
    public void setDropHandler(TransferHandler handler) {
        component.setTransferHandler(handler);
        component.getGraphControl().setTransferHandler(handler);
    }

    /** Asks the listener to delete the selected nodes and connections. */
    public void deleteSelection() {
        Set<NodeId> nodes = new LinkedHashSet<>();
        Set<Connection> connections = new LinkedHashSet<>();
        for (Object cell : graph.getSelectionCells()) {
            CellValue value = CanvasGraph.valueOf(cell).orElse(null);
            if (value instanceof NodeBox box) {
                nodes.add(box.node());
            } else if (value instanceof Wire wire) {
                connections.add(wire.connection());
            }
        }
        if (!nodes.isEmpty() || !connections.isEmpty()) {
            listener.deleteRequested(nodes, connections);
        }
    }

    /** Selects the drawn connection, so that Delete removes it; for tests and menus. */
    public boolean selectConnection(Connection connection) {
        for (Object edge : graph.getChildEdges(graph.getDefaultParent())) {
            if (CanvasGraph.valueOf(edge).orElse(null) instanceof Wire wire
                    && wire.connection().equals(connection)) {
                graph.setSelectionCell(edge);
                return true;
            }
        }
        return false;
    }

    private static void requireEventDispatchThread() {
        if (!EventQueue.isDispatchThread()) {
            throw new IllegalStateException("The canvas was called from thread "
                    + Thread.currentThread().getName() + "; call it on the event dispatch thread");
        }
    }

    /** Identifies a port dot: the same port name may be both an input and an output. */
    private record DotKey(PortRef port, boolean input) {
    }
}
