package io.reelgraph.app.editor.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mxgraph.model.mxCell;
import com.mxgraph.model.mxGeometry;
import com.mxgraph.model.mxIGraphModel;
import com.mxgraph.swing.handler.mxConnectionHandler;
import com.mxgraph.swing.handler.mxRubberband;
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
    private final CanvasMinimap minimap;
    private final Map<NodeId, mxCell> boxes = new HashMap<>();
    private final Map<DotKey, mxCell> dots = new HashMap<>();
    private final Map<NodeId, mxCell> badgeCells = new HashMap<>();
    private final Map<Connection, mxCell> wires = new HashMap<>();
    private final CanvasStyles.Cache styles = new CanvasStyles.Cache();
    private Map<NodeId, NodeBadges> badges = Map.of();
    private Map<NodeId, String> reasons = Map.of();
    private Graph shown = Graph.empty("");
    private NodeTypeRegistry types = NodeTypeRegistry.of(List.of());
    private Optional<NodeId> selected = Optional.empty();
    private Optional<Position> requestedSpot = Optional.empty();
    private boolean rebuilding;

    public GraphCanvas(CanvasListener listener) {
        super(new BorderLayout());
        this.listener = listener;
        graph.reasons(this::reasonFor);
        component = new mxGraphComponent(graph) {
            @Override
            protected mxConnectionHandler createConnectionHandler() {
                return new CheckedConnectionHandler(this, GraphCanvas.this::rejected);
            }

            @Override
            public boolean isToggleEvent(MouseEvent event) {
                // Shift-click adds to the selection, as in common node editors.
                return super.isToggleEvent(event) || (event != null && event.isShiftDown());
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
        // A left drag on empty canvas selects the nodes in the dragged rectangle; Shift+Ctrl+drag
        // stays JGraphX's panning gesture.
        new mxRubberband(component) {
            @Override
            public boolean isRubberbandTrigger(MouseEvent event) {
                return SwingUtilities.isLeftMouseButton(event) && !component.isPanningEvent(event);
            }
        };
        component.getGraphControl().setName("canvas.graph");
        minimap = new CanvasMinimap(component, boxes::values);
        add(new CanvasMinimap.Layers(component, minimap), BorderLayout.CENTER);
        setPreferredSize(new Dimension(900, 560));
        installListeners();
        installKeys();
    }

    /**
     * Shows a graph, keeping the selected node selected if it still exists. Only the cells of
     * nodes and connections that the new graph adds, removes, moves or draws differently are
     * touched, so the other cells stay the same objects. A new type registry draws everything
     * again.
     */
    public void showGraph(Graph newGraph, NodeTypeRegistry registry) {
        requireEventDispatchThread();
        Graph before = shown;
        boolean sameTypes = registry == types;
        this.shown = newGraph;
        this.types = registry;
        if (!sameTypes) {
            rebuild();
            return;
        }
        CanvasChange change = CanvasChange.between(before, newGraph, registry);
        if (!change.isEmpty()) {
            apply(change, before);
        }
    }

    private void apply(CanvasChange change, Graph before) {
        rebuilding = true;
        mxIGraphModel model = graph.getModel();
        model.beginUpdate();
        try {
            // Edges go first, so that no edge is left pointing at a removed port dot.
            for (Connection connection : before.connections()) {
                if (change.removedConnections().contains(connection)
                        || change.replacesEnd(connection)) {
                    removeWire(connection);
                }
            }
            for (NodeId node : change.removedNodes()) {
                removeNode(node);
            }
            for (NodeId node : change.redrawnNodes()) {
                removeNode(node);
            }

            Map<NodeId, Integer> indexes = nodeIndexes();
            for (NodeId node : change.redrawnNodes()) {
                addNode(shown.requireNode(node), indexes.get(node));
            }
            for (NodeId node : change.addedNodes()) {
                addNode(shown.requireNode(node), indexes.get(node));
            }
            for (NodeId node : change.movedNodes()) {
                moveBox(shown.requireNode(node), indexes.get(node));
            }
            for (Connection connection : shown.connections()) {
                if (change.addedConnections().contains(connection)
                        || change.replacesEnd(connection)) {
                    addWire(connection);
                }
            }
        } finally {
            model.endUpdate();
            rebuilding = false;
        }
        restoreSelection();
    }

    /**
     * Puts boxes back where the shown graph has them. A drag that snaps back to the old spot
     * changes no graph, so no new graph arrives to correct the dragged box.
     */
    private void placeAsShown(Set<NodeId> nodes) {
        Map<NodeId, Integer> indexes = nodeIndexes();
        rebuilding = true;
        mxIGraphModel model = graph.getModel();
        model.beginUpdate();
        try {
            for (NodeId node : nodes) {
                Optional<Node> shownNode = shown.node(node);
                if (shownNode.isPresent() && boxes.containsKey(node)) {
                    moveBox(shownNode.get(), indexes.get(node));
                }
            }
        } finally {
            model.endUpdate();
            rebuilding = false;
        }
    }

    private Map<NodeId, Integer> nodeIndexes() {
        Map<NodeId, Integer> indexes = new HashMap<>();
        int index = 0;
        for (Node node : shown.nodes()) {
            indexes.put(node.id(), index++);
        }
        return indexes;
    }

    private void removeNode(NodeId node) {
        mxCell box = boxes.remove(node);
        if (box == null) {
            return;
        }
        graph.getModel().remove(box);
        badgeCells.remove(node);
        dots.keySet().removeIf(key -> key.port().node().equals(node));
    }

    private void removeWire(Connection connection) {
        mxCell edge = wires.remove(connection);
        if (edge != null) {
            graph.getModel().remove(edge);
        }
    }

    private void moveBox(Node node, int index) {
        Position position = position(node, index);
        mxCell box = boxes.get(node.id());
        mxGeometry geometry = box.getGeometry();
        if (geometry.getX() != position.x() || geometry.getY() != position.y()) {
            mxGeometry moved = (mxGeometry) geometry.clone();
            moved.setX(position.x());
            moved.setY(position.y());
            graph.getModel().setGeometry(box, moved);
        }
    }

    /**
     * Shows a badge line per node; nodes missing from the map show none. Only the badge cells
     * whose line changed are updated, because a run calls this once per finished work item.
     */
    /**
     * Sets, per node, why the next run will or will not compute it; hovering a node shows it.
     */
    public void showReasons(Map<NodeId, String> newReasons) {
        requireEventDispatchThread();
        this.reasons = Map.copyOf(newReasons);
    }

    /** Returns the tooltip of a node: why the next run will or will not compute it. */
    public Optional<String> reasonFor(NodeId node) {
        return Optional.ofNullable(reasons.get(node));
    }

    /** Returns the tooltip text JGraphX shows over a node's box, for tests. */
    public Optional<String> toolTipOf(NodeId node) {
        return Optional.ofNullable(boxes.get(node)).map(graph::getToolTipForCell);
    }

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
                model.setStyle(entry.getValue(), styles.badge(badge.failed() > 0));
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
        // Box geometry is in graph units at every zoom, so the same graph and window always
        // fit to the same zoom. The drawn bounds divided by the scale vary in the last bits.
        mxRectangle bounds = boxes.isEmpty() ? null
                : graph.getBoundingBoxFromGeometry(boxes.values().toArray());
        Dimension visible = component.getViewport().getExtentSize();
        if (bounds == null || bounds.getWidth() <= 0 || visible.width <= 0) {
            return;
        }
        double width = bounds.getWidth() + 80;
        double height = bounds.getHeight() + 80;
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
            wires.clear();
            styles.clear();
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
        restoreSelection();
    }

    /** Selects the selected node's box again if it was drawn anew, and reports a lost one. */
    private void restoreSelection() {
        Optional<mxCell> keep = selected.map(boxes::get);
        if (keep.isPresent() && !graph.isCellSelected(keep.get())) {
            rebuilding = true;
            try {
                graph.addSelectionCell(keep.get());
            } finally {
                rebuilding = false;
            }
        }
        selectionChanged();
    }

    /*
     * Cells are added to the model directly, not through mxGraph.insertVertex, which runs the
     * checks and events of an interactive insert for each cell.
     */
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

        mxCell box = vertex(new NodeBox(node.id(), title(node, type)), position.x(), position.y(),
                CanvasStyles.NODE_WIDTH, height, styles.header(category, type.isEmpty()));
        box.setId(node.id().value());
        addDots(box, node.id(), inputs, true);
        addDots(box, node.id(), outputs, false);
        NodeBadges badge = badgeFor(node.id());
        mxCell badgeCell = vertex(new BadgeLine(node.id(), badge.text()), 0,
                height - CanvasStyles.BADGE_HEIGHT, CanvasStyles.NODE_WIDTH,
                CanvasStyles.BADGE_HEIGHT, styles.badge(badge.failed() > 0));
        badgeCell.setConnectable(false);
        box.insert(badgeCell);

        // The box goes into the model with its children, as one change.
        mxIGraphModel model = graph.getModel();
        Object parent = graph.getDefaultParent();
        model.add(parent, box, model.getChildCount(parent));
        boxes.put(node.id(), box);
        badgeCells.put(node.id(), badgeCell);
    }

    private static mxCell vertex(CellValue value, double x, double y, double width,
            double height, String style) {
        mxCell cell = new mxCell(value, new mxGeometry(x, y, width, height), style);
        cell.setVertex(true);
        return cell;
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
            mxCell cell = vertex(dot, x, y, CanvasStyles.PORT_SIZE, CanvasStyles.PORT_SIZE,
                    styles.port(spec.type(), input));
            box.insert(cell);
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
        if (wires.containsKey(connection)) {
            // NOTE: a connection listed twice in the graph is drawn once.
            return;
        }
        PortType type = ((PortDot) from.getValue()).type();
        mxGeometry geometry = new mxGeometry();
        geometry.setRelative(true);
        mxCell edge = new mxCell(new Wire(connection), geometry, styles.wire(type));
        edge.setEdge(true);
        mxIGraphModel model = graph.getModel();
        Object parent = graph.getDefaultParent();
        model.add(parent, edge, model.getChildCount(parent));
        model.setTerminal(edge, from, true);
        model.setTerminal(edge, to, false);
        wires.put(connection, edge);
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
                    // Moved boxes land on the grid, so nodes line up after a drag.
                    mxGeometry geometry = ((mxCell) cell).getGeometry();
                    int grid = graph.getGridSize();
                    moved.put(box.node(), new Position(NodeArrangement.snap(geometry.getX(), grid),
                            NodeArrangement.snap(geometry.getY(), grid)));
                }
            }
            if (!moved.isEmpty() && !rebuilding) {
                EventQueue.invokeLater(() -> {
                    listener.nodesMoved(moved);
                    placeAsShown(moved.keySet());
                });
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
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_M, 0), "reelgraph.minimap");
        // Tab adds a node, as in common node editors, so it no longer moves the focus on.
        control.setFocusTraversalKeysEnabled(false);
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_TAB, 0), "reelgraph.add");
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "reelgraph.open");
        bind(control, "reelgraph.open", () -> selected.ifPresent(listener::openRequested));
        bind(control, "reelgraph.delete", this::deleteSelection);
        bind(control, "reelgraph.fit", this::fit);
        bind(control, "reelgraph.minimap", () -> setMinimapVisible(!minimapVisible()));
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

    /**
     * Shows or hides the minimap; fires the property {@code minimapVisible} so a menu item can
     * follow the M key.
     */
    public void setMinimapVisible(boolean visible) {
        requireEventDispatchThread();
        boolean before = minimap.isVisible();
        minimap.setVisible(visible);
        firePropertyChange("minimapVisible", before, visible);
    }

    public boolean minimapVisible() {
        return minimap.isVisible();
    }

    /** Returns the minimap's rectangle around the visible part of the canvas, in its pixels. */
    public java.awt.Rectangle minimapViewportMarker() {
        return minimap.viewportMarker();
    }

    /** Returns the top-left corner of the visible part of the canvas, in canvas pixels. */
    public Point viewPosition() {
        return component.getViewport().getViewPosition();
    }

    /**
     * Detaches the minimap's listeners from the canvas; call it once when the window closes.
     * The minimap shows nothing afterwards.
     */
    public void dispose() {
        requireEventDispatchThread();
        minimap.detach();
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

    /** Selects exactly the given nodes; nodes not on the canvas are ignored. */
    public void selectNodes(Set<NodeId> nodes) {
        requireEventDispatchThread();
        List<Object> cells = new ArrayList<>();
        for (NodeId node : nodes) {
            mxCell box = boxes.get(node);
            if (box != null) {
                cells.add(box);
            }
        }
        graph.setSelectionCells(cells.toArray());
    }

    /**
     * Aligns or distributes the selected nodes; the listener receives the moves as one
     * {@link CanvasListener#nodesMoved} edit, so one undo reverts them.
     */
    public void align(Alignment alignment) {
        requireEventDispatchThread();
        List<NodeArrangement.Box> selection = new ArrayList<>();
        for (NodeId node : selectedNodes()) {
            mxGeometry geometry = boxes.get(node).getGeometry();
            selection.add(new NodeArrangement.Box(node, (int) Math.round(geometry.getX()),
                    (int) Math.round(geometry.getY()), (int) Math.round(geometry.getWidth()),
                    (int) Math.round(geometry.getHeight())));
        }
        Map<NodeId, Position> moved = NodeArrangement.arrange(selection, alignment);
        if (!moved.isEmpty()) {
            listener.nodesMoved(moved);
        }
    }

    /** Selects the drawn connection, so that Delete removes it; for tests and menus. */
    public boolean selectConnection(Connection connection) {
        mxCell edge = wires.get(connection);
        if (edge == null) {
            return false;
        }
        graph.setSelectionCell(edge);
        return true;
    }

    /** Returns the box cell drawn for a node, for tests that check which cells an edit keeps. */
    Optional<mxCell> boxCell(NodeId node) {
        return Optional.ofNullable(boxes.get(node));
    }

    /** Returns the edge cell drawn for each connection, for the same tests. */
    Map<Connection, mxCell> wireCells() {
        return Map.copyOf(wires);
    }

    /** Returns the JGraphX graph, for tests that compare the drawn cells with the graph. */
    CanvasGraph cellGraph() {
        return graph;
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
