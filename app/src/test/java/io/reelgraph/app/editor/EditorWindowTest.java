package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.Plan;
import java.awt.Component;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.swing.JComponent;
import javax.swing.JLabel;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.MouseButton;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditorWindowTest {

    private static final NodeId KEYFRAME = NodeId.of("keyframe");
    private static final NodeId SHOT = NodeId.of("shot");

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
    class Opening {

        @Test
        void sampleShowsNodesAndProjectedCost() {
            editor = EditorFixture.openSample(temp);

            Plan plan = editor.awaitPlan();

            assertThat(execute(() -> editor.window.document().graph().nodeCount())).isEqualTo(7);
            assertThat(plan.projection().paidToRun()).isEqualTo(34);
            assertThat(execute(editor.window::costText))
                    .isEqualTo("Projected next run: $2.43 (estimate), 34 paid items to run,"
                            + " 0 cached");
            assertThat(execute(() -> editor.window.canvas().badgeText(KEYFRAME)))
                    .isEqualTo("$0.2400 · 0/6 cached");
            editor.frame.table("run.table").requireRowCount(7);
        }
    }

    @Nested
    class Editing {

        @Test
        void paletteAddsNodeThatConnects() {
            editor = EditorFixture.openSample(temp);
            editor.awaitPlan();

            editor.frame.textBox("palette.search").enterText("model.image");
            editor.frame.button("palette.add").click();
            NodeId added = NodeId.of("image-1");
            editor.waitFor("the added node", () ->
                    editor.window.document().graph().node(added).isPresent());
            Connection wire = Connection.of("shot-prompt", "prompt", "image-1", "prompt");
            boolean connected = execute(() -> editor.window.connect(wire));
            // A new model node has no model until the artist picks one; validation says so.
            execute(() -> editor.window.setParam(added, "model",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf(
                            "fal/fal-ai/flux-pro/kontext")));

            assertThat(connected).isTrue();
            assertThat(execute(() -> editor.window.document().graph().connections()))
                    .contains(wire);
            assertThat(editor.awaitPlan().byNode().get(added)).hasSize(6);
        }

        @Test
        void connectRejectsIncompatibleTypes() {
            editor = EditorFixture.openSample(temp);

            boolean connected = execute(() -> editor.window.connect(
                    Connection.of("keyframe", "image", "voices", "line")));

            assertThat(connected).isFalse();
            assertThat(execute(editor.window::messageText)).contains("cannot feed");
        }

        @Test
        void paramEditChangesProjectedCost() {
            editor = EditorFixture.openSample(temp);
            editor.awaitPlan();
            String before = execute(editor.window::costText);
            execute(() -> editor.window.canvas().select(Optional.of(SHOT)));
            editor.awaitPlan();
            editor.robot.waitForIdle();

            editor.frame.textBox("inspector.param.duration").deleteText().enterText("10\n");
            editor.waitFor("a plan with the new duration", () -> editor.window.currentPlan()
                    .isPresent() && editor.window.document().graph().requireNode(SHOT)
                            .param("duration").orElseThrow().asInt() == 10);

            assertThat(execute(editor.window::costText)).isNotEqualTo(before);
            assertThat(execute(() -> editor.window.document().graph().requireNode(SHOT)
                    .param("duration"))).contains(IntNode.valueOf(10));
        }

        @Test
        void invalidTextIsShownAndNotStored() {
            editor = EditorFixture.openSample(temp);
            Graph before = execute(() -> editor.window.document().graph());
            execute(() -> editor.window.canvas().select(Optional.of(KEYFRAME)));
            editor.awaitPlan();
            editor.robot.waitForIdle();

            editor.frame.textBox("inspector.param.seed").deleteText().enterText("seven\n");

            editor.frame.label("inspector.problem.seed")
                    .requireText("\"seven\" is not a whole number; the value was not changed");
            assertThat(execute(() -> editor.window.document().graph())).isEqualTo(before);
        }

        @Test
        void movedNodeBoxFollowsEditAndUndo() {
            editor = EditorFixture.openSample(temp);
            Point before = execute(() -> editor.window.canvas().nodeOnScreen(KEYFRAME)
                    .orElseThrow());
            double zoom = execute(() -> editor.window.canvas().zoom());

            execute(() -> {
                Graph graph = editor.window.document().graph();
                com.fasterxml.jackson.databind.node.ObjectNode layout =
                        graph.requireNode(KEYFRAME).layout();
                layout.put("x", layout.path("x").asInt() + 200);
                editor.window.document().edit(graph.withLayout(KEYFRAME, layout));
            });
            Point moved = execute(() -> editor.window.canvas().nodeOnScreen(KEYFRAME)
                    .orElseThrow());
            execute(editor.window::undo);
            Point undone = execute(() -> editor.window.canvas().nodeOnScreen(KEYFRAME)
                    .orElseThrow());

            assertThat(moved.x - before.x).isCloseTo((int) Math.round(200 * zoom), within(1));
            assertThat(moved.y).isEqualTo(before.y);
            assertThat(undone).isEqualTo(before);
        }

        @Test
        void undoRedoRoundTrip() {
            editor = EditorFixture.openSample(temp);
            Graph original = execute(() -> editor.window.document().graph());

            execute(() -> editor.window.setParam(KEYFRAME, "seed", IntNode.valueOf(8)));
            Graph edited = execute(() -> editor.window.document().graph());
            execute(() -> editor.window.delete(java.util.Set.of(NodeId.of("voices")),
                    java.util.Set.of()));
            execute(editor.window::undo);
            execute(editor.window::undo);
            Graph undone = execute(() -> editor.window.document().graph());
            execute(editor.window::redo);

            assertThat(undone).isEqualTo(original);
            assertThat(execute(() -> editor.window.document().graph())).isEqualTo(edited);
            assertThat(execute(() -> editor.window.document().dirty())).isTrue();
            assertThat(execute(editor.window::getTitle)).startsWith("*");
        }
    }

    @Nested
    class Shortcuts {

        @Test
        void deleteKeyRemovesSelectedNode() {
            editor = EditorFixture.openSample(temp);
            selectOnCanvas(KEYFRAME);

            editor.robot.pressAndReleaseKey(KeyEvent.VK_DELETE);

            editor.waitFor("the node to go", () ->
                    editor.window.document().graph().node(KEYFRAME).isEmpty());
            assertThat(execute(() -> editor.window.document().graph().nodeCount())).isEqualTo(6);
            assertThat(execute(() -> editor.window.document().graph().connections()))
                    .noneMatch(c -> c.from().node().equals(KEYFRAME)
                            || c.to().node().equals(KEYFRAME));
        }

        @Test
        void undoAndRedoKeysRoundTrip() {
            editor = EditorFixture.openSample(temp);
            Graph original = execute(() -> editor.window.document().graph());
            selectOnCanvas(KEYFRAME);
            editor.robot.pressAndReleaseKey(KeyEvent.VK_DELETE);
            editor.waitFor("the node to go", () ->
                    editor.window.document().graph().node(KEYFRAME).isEmpty());
            Graph deleted = execute(() -> editor.window.document().graph());

            pressWithModifiers(KeyEvent.VK_Z, KeyEvent.VK_CONTROL);
            editor.waitFor("the undo", () -> editor.window.document().graph().equals(original));
            pressWithModifiers(KeyEvent.VK_Z, KeyEvent.VK_CONTROL, KeyEvent.VK_SHIFT);
            editor.waitFor("the redo", () -> editor.window.document().graph().equals(deleted));

            assertThat(execute(() -> editor.window.document().graph())).isEqualTo(deleted);
            assertThat(execute(() -> editor.window.document().canUndo())).isTrue();
            assertThat(execute(() -> editor.window.document().canRedo())).isFalse();
        }

        @Test
        void fKeyFramesWholeGraph() {
            editor = EditorFixture.openSample(temp);
            double fitted = execute(() -> {
                editor.window.canvas().fit();
                return editor.window.canvas().zoom();
            });
            execute(() -> {
                editor.window.canvas().zoomIn();
                editor.window.canvas().zoomIn();
            });
            double zoomed = execute(() -> editor.window.canvas().zoom());
            focusCanvas();

            editor.robot.pressAndReleaseKey(KeyEvent.VK_F);
            editor.robot.waitForIdle();

            assertThat(zoomed).isGreaterThan(fitted);
            assertThat(execute(() -> editor.window.canvas().zoom())).isEqualTo(fitted);
        }

        @Test
        void tabOpensPaletteSearchToAddNode() {
            editor = EditorFixture.openSample(temp);
            focusCanvas();

            editor.robot.pressAndReleaseKey(KeyEvent.VK_TAB);
            editor.frame.textBox("palette.search").requireFocused();
            editor.robot.enterText("model.speech");
            editor.robot.pressAndReleaseKey(KeyEvent.VK_ENTER);

            NodeId added = NodeId.of("speech-1");
            editor.waitFor("the added node", () ->
                    editor.window.document().graph().node(added).isPresent());
            assertThat(execute(() -> editor.window.canvas().selectedNode())).contains(added);
        }

        @Test
        void doubleClickAddsNodeAtClickedSpot() {
            editor = EditorFixture.openSample(temp);
            Component control = canvasControl();
            // The sample fits in the upper part of the canvas, so its lower left is empty.
            Point spot = execute(() -> {
                Rectangle visible = ((JComponent) control).getVisibleRect();
                return new Point(visible.x + 40, visible.y + visible.height - 40);
            });
            double zoom = execute(() -> editor.window.canvas().zoom());

            editor.robot.click(control, spot, MouseButton.LEFT_BUTTON, 2);
            editor.frame.textBox("palette.search").requireFocused();
            editor.robot.enterText("model.speech");
            editor.robot.pressAndReleaseKey(KeyEvent.VK_ENTER);

            NodeId added = NodeId.of("speech-1");
            editor.waitFor("the added node", () ->
                    editor.window.document().graph().node(added).isPresent());
            JsonNode layout = execute(() ->
                    editor.window.document().graph().requireNode(added).layout());
            assertThat(layout.path("x").asInt()).isCloseTo((int) Math.round(spot.x / zoom),
                    within(1));
            assertThat(layout.path("y").asInt()).isCloseTo((int) Math.round(spot.y / zoom),
                    within(1));
        }

        private Component canvasControl() {
            return editor.robot.finder().findByName(editor.window, "canvas.graph");
        }

        private void selectOnCanvas(NodeId node) {
            execute(() -> editor.window.canvas().select(Optional.of(node)));
            focusCanvas();
        }

        private void focusCanvas() {
            editor.robot.focusAndWaitForFocusGain(canvasControl());
        }

        private void pressWithModifiers(int key, int... modifiers) {
            for (int modifier : modifiers) {
                editor.robot.pressKey(modifier);
            }
            editor.robot.pressAndReleaseKey(key);
            for (int i = modifiers.length - 1; i >= 0; i--) {
                editor.robot.releaseKey(modifiers[i]);
            }
            editor.robot.waitForIdle();
        }
    }

    @Nested
    class Running {

        @Test
        void draftRunShowsImageAndRerunIsCached() {
            editor = EditorFixture.openSample(temp);
            execute(() -> editor.window.setDraft(true));
            editor.awaitPlan();

            runAndConfirm();
            execute(() -> editor.window.canvas().select(Optional.of(KEYFRAME)));
            editor.frame.tabbedPane("side.tabs").selectTab("Preview");
            editor.waitFor("a preview image", () -> editor.robot.finder().findAll(
                    editor.window, imageLabel()).size() == 6);
            Plan after = editor.awaitPlan();

            assertThat(execute(editor.window::runSummary)).startsWith("Run finished: ");
            assertThat(Files.isDirectory(editor.folder.resolve("out"))).isTrue();
            assertThat(after.count(ItemState.WILL_RUN)).isZero();
            assertThat(after.count(ItemState.BLOCKED_ON_UPSTREAM)).isZero();
            assertThat(execute(() -> editor.window.canvas().badgeText(KEYFRAME)))
                    .isEqualTo("$0.0000 · 6/6 cached · DRAFT");
            String firstImage = after.byNode().get(KEYFRAME).get(0).itemKey();
            // The work items tab shows each item's status as the run left it.
            // Draft results are free, and the draft provider reports that as the actual cost.
            assertThat(execute(() -> editor.window.workItemStatus(KEYFRAME, firstImage)))
                    .isEqualTo("done, actual $0.0000");

            runAndConfirm();
            assertThat(execute(editor.window::runSummary)).contains(" 0 executed, ");
            assertThat(execute(() -> editor.window.workItemStatus(KEYFRAME, firstImage)))
                    .isEqualTo("cached");
        }

        private void runAndConfirm() {
            String before = execute(editor.window::runSummary);
            editor.frame.button("toolbar.run").click();
            DialogFixture confirmation = WindowFinder.findDialog("dialog.run")
                    .withTimeout(120_000).using(editor.robot);
            // A dialog that is showing may not take input yet; once it is the active window,
            // it receives the click.
            editor.waitFor("the run confirmation to be active", () -> confirmation.target()
                    .isActive());
            confirmation.optionPane().requireMessage(java.util.regex.Pattern.compile(
                    "(?s).*Projected cost: \\$0.*Draft mode.*"));
            confirmation.optionPane().buttonWithText("Run").click();
            editor.waitFor("the run confirmation to close", () -> !confirmation.target()
                    .isShowing());
            javax.swing.JProgressBar progress = editor.frame.progressBar("run.progress").target();
            editor.waitWhileProgressing("the run to finish", () -> !editor.window.running()
                    && editor.window.runSummary().startsWith("Run ")
                    && !editor.window.runSummary().equals(before),
                    progress::getString,
                    java.time.Duration.ofSeconds(120));
        }

        private GenericTypeMatcher<JLabel> imageLabel() {
            return new GenericTypeMatcher<>(JLabel.class) {
                @Override
                protected boolean isMatching(JLabel label) {
                    return "preview.image".equals(label.getName()) && label.getIcon() != null;
                }
            };
        }
    }

    @Nested
    class Files_ {

        @Test
        void saveAndReopenGivesIdenticalFile() throws Exception {
            editor = EditorFixture.openSample(temp);
            Path first = temp.resolve("first.reelgraph");
            Path second = temp.resolve("second.reelgraph");

            assertThat(execute(() -> editor.window.saveTo(first))).isTrue();
            assertThat(execute(() -> editor.window.openFile(first))).isTrue();
            assertThat(execute(() -> editor.window.saveTo(second))).isTrue();

            assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
            assertThat(execute(() -> editor.window.document().dirty())).isFalse();
            assertThat(execute(editor.window::getTitle)).isEqualTo("second.reelgraph - Reelgraph");
        }
    }
}
