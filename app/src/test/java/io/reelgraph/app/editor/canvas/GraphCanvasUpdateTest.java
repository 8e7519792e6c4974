package io.reelgraph.app.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mxgraph.model.mxCell;
import com.mxgraph.model.mxIGraphModel;
import io.reelgraph.app.Workspace;
import io.reelgraph.app.editor.EditorDocument;
import io.reelgraph.app.editor.FilmGraphs;
import io.reelgraph.app.editor.canvas.CellValue.NodeBox;
import io.reelgraph.app.editor.canvas.CellValue.PortDot;
import io.reelgraph.app.editor.canvas.CellValue.Wire;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.type.NodeTypeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Checks that the canvas changes only the cells an edit affects on a 2,000-node film graph, and
 * that the drawn cells match the document's graph after every edit, undo and redo.
 */
class GraphCanvasUpdateTest {

    private static Workspace workspace;
    private static Graph film;

    private EditorDocument document;
    private GraphCanvas canvas;

    @BeforeAll
    static void buildFilm() throws Exception {
        workspace = Workspace.standard();
        film = FilmGraphs.film(sampleGraph(), 666);
    }

    @AfterAll
    static void closeWorkspace() {
        workspace.close();
    }

    @BeforeEach
    void showFilm() {
        NodeTypeRegistry types = workspace.types();
        execute(() -> {
            document = new EditorDocument(film, Optional.empty());
            canvas = new GraphCanvas(new IgnoredEdits());
            document.addListener(changed -> canvas.showGraph(changed.graph(), types));
            canvas.showGraph(document.graph(), types);
        });
    }

    @Nested
    class KeptCells {

        @Test
        void addKeepsEveryOtherCell() {
            Map<NodeId, mxCell> boxes = boxes();
            Map<Connection, mxCell> wires = new HashMap<>(execute(() -> canvas.wireCells()));

            execute(() -> document.edit(document.graph().withNode(newPrompt("prompt-new"))));

            assertThat(film.nodeCount()).isEqualTo(2_000);
            assertSameCells(boxes, wires);
            assertThat(execute(() -> canvas.boxCell(NodeId.of("prompt-new")))).isPresent();
            assertDrawnAsDocument();
        }

        @Test
        void connectKeepsEveryOtherCell() {
            execute(() -> document.edit(document.graph().withNode(newPrompt("prompt-new"))));
            Map<NodeId, mxCell> boxes = boxes();
            Map<Connection, mxCell> wires = new HashMap<>(execute(() -> canvas.wireCells()));
            Connection added = Connection.of("script", "scenes", "prompt-new", "scene");

            execute(() -> document.edit(document.graph().withConnection(added)));

            assertSameCells(boxes, wires);
            assertThat(execute(() -> canvas.wireCells())).containsKey(added);
            assertDrawnAsDocument();
        }

        @Test
        void deleteDropsOnlyNodeAndItsWires() {
            Map<NodeId, mxCell> boxes = boxes();
            Map<Connection, mxCell> wires = new HashMap<>(execute(() -> canvas.wireCells()));
            NodeId gone = NodeId.of("image-7");

            execute(() -> document.edit(document.graph().withoutNode(gone)));

            boxes.remove(gone);
            wires.keySet().removeIf(c -> c.from().node().equals(gone)
                    || c.to().node().equals(gone));
            assertSameCells(boxes, wires);
            assertThat(execute(() -> canvas.boxCell(gone))).isEmpty();
            assertDrawnAsDocument();
        }

        @Test
        void disconnectDropsOnlyThatWire() {
            Map<NodeId, mxCell> boxes = boxes();
            Map<Connection, mxCell> wires = new HashMap<>(execute(() -> canvas.wireCells()));
            Connection gone = Connection.of("prompt-3", "prompt", "image-3", "prompt");

            execute(() -> document.edit(document.graph().withoutConnection(gone)));

            wires.remove(gone);
            assertSameCells(boxes, wires);
            assertThat(execute(() -> canvas.wireCells())).doesNotContainKey(gone);
            assertDrawnAsDocument();
        }

        @Test
        void moveKeepsBoxAndChangesPosition() {
            Map<NodeId, mxCell> boxes = boxes();
            Map<Connection, mxCell> wires = new HashMap<>(execute(() -> canvas.wireCells()));
            NodeId moved = NodeId.of("video-12");

            execute(() -> document.edit(movedBy(document.graph(), moved, 40, 30)));

            assertSameCells(boxes, wires);
            assertThat(execute(() -> canvas.boxCell(moved).orElseThrow().getGeometry().getX()))
                    .isEqualTo(film.requireNode(moved).layout().path("x").asInt() + 40.0);
            assertDrawnAsDocument();
        }

        @Test
        void paramEditKeepsEveryCell() {
            Map<NodeId, mxCell> boxes = boxes();
            Map<Connection, mxCell> wires = new HashMap<>(execute(() -> canvas.wireCells()));

            execute(() -> document.edit(document.graph()
                    .withParam(NodeId.of("image-0"), "seed", IntNode.valueOf(99))));

            assertSameCells(boxes, wires);
            assertDrawnAsDocument();
        }

        @Test
        void retitleRedrawsOnlyThatNode() {
            Map<NodeId, mxCell> boxes = boxes();
            NodeId retitled = NodeId.of("prompt-9");

            execute(() -> {
                Graph graph = document.graph();
                ObjectNode layout = graph.requireNode(retitled).layout();
                layout.put("title", "Opening shot");
                document.edit(graph.withLayout(retitled, layout));
            });

            mxCell redrawn = execute(() -> canvas.boxCell(retitled).orElseThrow());
            assertThat(redrawn).isNotSameAs(boxes.get(retitled));
            assertThat(((NodeBox) redrawn.getValue()).title()).isEqualTo("Opening shot");
            assertThat(execute(() -> canvas.boxCell(NodeId.of("prompt-8")).orElseThrow()))
                    .isSameAs(boxes.get(NodeId.of("prompt-8")));
            assertDrawnAsDocument();
        }
    }

    @Nested
    class UndoAndRedo {

        @Test
        void cellsFollowEveryUndoAndRedo() {
            List<Runnable> edits = List.of(
                    () -> document.edit(document.graph().withNode(newPrompt("prompt-new"))),
                    () -> document.edit(document.graph().withConnection(
                            Connection.of("script", "scenes", "prompt-new", "scene"))),
                    () -> document.edit(movedBy(document.graph(), NodeId.of("prompt-new"), 10, 10)),
                    () -> document.edit(document.graph().withoutNode(NodeId.of("image-5"))),
                    () -> document.edit(document.graph().withoutConnection(
                            Connection.of("video-1", "video", "cut", "shots"))));
            for (Runnable edit : edits) {
                execute(edit::run);
                assertDrawnAsDocument();
            }

            for (int i = 0; i < edits.size(); i++) {
                execute(() -> document.undo());
                assertDrawnAsDocument();
            }
            assertThat(execute(() -> document.graph())).isEqualTo(film);
            for (int i = 0; i < edits.size(); i++) {
                execute(() -> document.redo());
                assertDrawnAsDocument();
            }
            assertThat(execute(() -> document.canRedo())).isFalse();
        }
    }

    private Map<NodeId, mxCell> boxes() {
        return execute(() -> {
            Map<NodeId, mxCell> boxes = new HashMap<>();
            for (Node node : document.graph().nodes()) {
                boxes.put(node.id(), canvas.boxCell(node.id()).orElseThrow());
            }
            return boxes;
        });
    }

    private void assertSameCells(Map<NodeId, mxCell> boxes, Map<Connection, mxCell> wires) {
        Map<Connection, mxCell> wiresNow = execute(() -> canvas.wireCells());
        for (Map.Entry<NodeId, mxCell> box : boxes.entrySet()) {
            assertThat(execute(() -> canvas.boxCell(box.getKey()).orElseThrow()))
                    .as("box of %s", box.getKey()).isSameAs(box.getValue());
        }
        for (Map.Entry<Connection, mxCell> wire : wires.entrySet()) {
            assertThat(wiresNow.get(wire.getKey()))
                    .as("edge of %s", wire.getKey()).isSameAs(wire.getValue());
        }
    }

    /** Compares the cells under the default parent with the document's nodes and connections. */
    private void assertDrawnAsDocument() {
        Graph graph = execute(() -> document.graph());
        Set<NodeId> drawnNodes = new HashSet<>();
        Set<Connection> drawnConnections = new HashSet<>();
        Map<NodeId, int[]> positions = new HashMap<>();
        execute(() -> {
            mxIGraphModel model = canvas.cellGraph().getModel();
            Object parent = canvas.cellGraph().getDefaultParent();
            for (int i = 0; i < model.getChildCount(parent); i++) {
                mxCell cell = (mxCell) model.getChildAt(parent, i);
                if (cell.getValue() instanceof NodeBox box) {
                    drawnNodes.add(box.node());
                    positions.put(box.node(), new int[] {(int) cell.getGeometry().getX(),
                            (int) cell.getGeometry().getY()});
                } else if (cell.getValue() instanceof Wire wire) {
                    drawnConnections.add(wire.connection());
                    assertThat(((PortDot) ((mxCell) cell.getSource()).getValue()).port())
                            .isEqualTo(wire.connection().from());
                    assertThat(((PortDot) ((mxCell) cell.getTarget()).getValue()).port())
                            .isEqualTo(wire.connection().to());
                }
            }
        });
        Set<NodeId> ids = new HashSet<>();
        graph.nodes().forEach(node -> ids.add(node.id()));
        assertThat(drawnNodes).isEqualTo(ids);
        assertThat(drawnConnections).isEqualTo(Set.copyOf(graph.connections()));
        for (Node node : graph.nodes()) {
            assertThat(positions.get(node.id())).as("position of %s", node.id())
                    .containsExactly(node.layout().path("x").asInt(),
                            node.layout().path("y").asInt());
        }
    }

    private static Node newPrompt(String id) {
        ObjectNode layout = film.requireNode(NodeId.of("prompt-0")).layout();
        layout.put("x", 40);
        layout.put("y", 9_000);
        layout.remove("title");
        return film.requireNode(NodeId.of("prompt-0")).withId(NodeId.of(id)).withLayout(layout);
    }

    private static Graph movedBy(Graph graph, NodeId node, int dx, int dy) {
        ObjectNode layout = graph.requireNode(node).layout();
        layout.put("x", layout.path("x").asInt() + dx);
        layout.put("y", layout.path("y").asInt() + dy);
        return graph.withLayout(node, layout);
    }

    private static Path sampleGraph() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("samples/night-market/night-market.reelgraph");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("samples/night-market not found above "
                + Path.of("").toAbsolutePath());
    }

    /** A listener for a canvas that no artist touches in these tests. */
    private static final class IgnoredEdits implements CanvasListener {
        @Override
        public void selectionChanged(Optional<NodeId> node) {
        }

        @Override
        public void connectRequested(Connection connection) {
        }

        @Override
        public void connectionRejected(String message) {
        }

        @Override
        public void nodesMoved(Map<NodeId, Position> positions) {
        }

        @Override
        public void deleteRequested(Set<NodeId> nodes, Set<Connection> connections) {
        }

        @Override
        public void addNodeRequested() {
        }
    }
}
