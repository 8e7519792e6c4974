package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.app.editor.canvas.Alignment;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import java.awt.Point;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.Set;
import org.assertj.swing.core.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-select, grid snap and align on the canvas, driven through the sample graph. */
class CanvasArrangeTest {

    private static final NodeId SHOT_PROMPT = NodeId.of("shot-prompt");
    private static final NodeId KEYFRAME = NodeId.of("keyframe");
    private static final NodeId SHOT = NodeId.of("shot");
    private static final NodeId JUNO = NodeId.of("juno-ref");

    @TempDir
    Path temp;

    private EditorFixture editor;

    @AfterEach
    void closeEditor() {
        if (editor != null) {
            editor.close();
        }
    }

    @Nested
    class MultiSelect {

        @Test
        void shiftClickAddsToSelection() {
            editor = EditorFixture.openSample(temp);

            editor.robot.click(header(KEYFRAME), MouseButton.LEFT_BUTTON, 1);
            editor.robot.pressKey(KeyEvent.VK_SHIFT);
            editor.robot.click(header(SHOT), MouseButton.LEFT_BUTTON, 1);
            editor.robot.releaseKey(KeyEvent.VK_SHIFT);
            editor.robot.waitForIdle();

            assertThat(execute(() -> editor.window.canvas().selectedNodes()))
                    .containsExactlyInAnyOrder(KEYFRAME, SHOT);
        }

        @Test
        void dragOnEmptyCanvasSelectsNodesInside() {
            editor = EditorFixture.openSample(temp);
            double zoom = execute(() -> editor.window.canvas().zoom());
            Point first = header(SHOT_PROMPT);
            Point last = header(KEYFRAME);
            // From above and left of shot-prompt's box to below and right of keyframe's box.
            Point from = new Point(first.x - (int) (140 * zoom), first.y - (int) (40 * zoom));
            Point to = new Point(last.x + (int) (140 * zoom), last.y + (int) (170 * zoom));

            drag(from, to);

            assertThat(execute(() -> editor.window.canvas().selectedNodes()))
                    .containsExactlyInAnyOrder(SHOT_PROMPT, KEYFRAME);
        }
    }

    @Nested
    class GridSnap {

        @Test
        void draggedNodeLandsOnGrid() {
            editor = EditorFixture.openSample(temp);
            Point start = header(KEYFRAME);

            drag(start, new Point(start.x + 33, start.y + 17));
            editor.waitFor("the move", () -> editor.window.document().graph()
                    .requireNode(KEYFRAME).layout().path("x").asInt() != 640);

            JsonNode layout = execute(() ->
                    editor.window.document().graph().requireNode(KEYFRAME).layout());
            assertThat(layout.path("x").asInt() % 10).isZero();
            assertThat(layout.path("y").asInt() % 10).isZero();
            assertThat(layout.path("x").asInt()).isGreaterThan(640);
        }
    }

    @Nested
    class Align {

        @Test
        void alignLeftMovesSelectionToLeftmostEdge() {
            editor = EditorFixture.openSample(temp);
            execute(() -> editor.window.canvas().selectNodes(Set.of(KEYFRAME, SHOT, JUNO)));

            execute(() -> editor.window.canvas().align(Alignment.LEFT));

            Graph graph = execute(() -> editor.window.document().graph());
            assertThat(x(graph, KEYFRAME)).isEqualTo(360);
            assertThat(x(graph, SHOT)).isEqualTo(360);
            assertThat(x(graph, JUNO)).isEqualTo(360);
            assertThat(y(graph, SHOT)).isEqualTo(120);
        }

        @Test
        void alignTopIsOneUndoableEdit() {
            editor = EditorFixture.openSample(temp);
            Graph before = execute(() -> editor.window.document().graph());
            execute(() -> editor.window.canvas().selectNodes(Set.of(KEYFRAME, JUNO, NodeId.of(
                    "cut"))));

            execute(() -> editor.window.canvas().align(Alignment.TOP));
            Graph aligned = execute(() -> editor.window.document().graph());
            execute(editor.window::undo);

            assertThat(y(aligned, JUNO)).isEqualTo(120);
            assertThat(y(aligned, NodeId.of("cut"))).isEqualTo(120);
            assertThat(x(aligned, JUNO)).isEqualTo(360);
            assertThat(execute(() -> editor.window.document().graph())).isEqualTo(before);
        }
    }

    private Point header(NodeId node) {
        return execute(() -> editor.window.canvas().nodeOnScreen(node).orElseThrow());
    }

    private void drag(Point from, Point to) {
        editor.robot.pressMouse(from, MouseButton.LEFT_BUTTON);
        for (int step = 1; step <= 4; step++) {
            editor.robot.moveMouse(new Point(from.x + (to.x - from.x) * step / 4,
                    from.y + (to.y - from.y) * step / 4));
        }
        editor.robot.releaseMouse(MouseButton.LEFT_BUTTON);
        editor.robot.waitForIdle();
    }

    private static int x(Graph graph, NodeId node) {
        return graph.requireNode(node).layout().path("x").asInt();
    }

    private static int y(Graph graph, NodeId node) {
        return graph.requireNode(node).layout().path("y").asInt();
    }
}
