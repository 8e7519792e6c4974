package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import com.fasterxml.jackson.databind.node.IntNode;
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.Subgraph;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.nodes.catalog.Money;
import java.awt.Component;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.swing.JCheckBox;
import org.assertj.swing.core.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubgraphEditorTest {

    private static final NodeId PROMPT = NodeId.of("shot-prompt");
    private static final NodeId KEYFRAME = NodeId.of("keyframe");
    private static final NodeId SHOT = NodeId.of("shot");
    private static final Set<NodeId> CHAIN = Set.of(PROMPT, KEYFRAME, SHOT);
    private static final NodeId GROUP = NodeId.of("group-1");

    @TempDir
    Path temp;

    private EditorFixture editor;

    @AfterEach
    void closeEditor() {
        if (editor != null) {
            editor.close();
        }
    }

    private Graph graph() {
        return execute(() -> editor.window.document().graph());
    }

    /** Selects the prompt, keyframe and clip nodes on the canvas and presses Ctrl+G. */
    private void groupChain() {
        execute(() -> editor.window.canvas().selectNodes(CHAIN));
        focusCanvas();
        press(KeyEvent.VK_G, KeyEvent.VK_CONTROL);
        editor.waitFor("the subgraph", () -> editor.window.document().graph()
                .subgraph(GROUP).isPresent());
    }

    private Component canvasControl() {
        return editor.robot.finder().findByName(editor.window, "canvas.graph");
    }

    private void focusCanvas() {
        editor.robot.focusAndWaitForFocusGain(canvasControl());
    }

    private void press(int key, int... modifiers) {
        for (int modifier : modifiers) {
            editor.robot.pressKey(modifier);
        }
        editor.robot.pressAndReleaseKey(key);
        for (int i = modifiers.length - 1; i >= 0; i--) {
            editor.robot.releaseKey(modifiers[i]);
        }
        editor.robot.waitForIdle();
    }

    private static List<String> keys(Plan plan) {
        return plan.items().stream().map(item -> item.node() + "/" + item.itemKey() + "="
                + item.key().map(Object::toString).orElse("none")).toList();
    }

    private static BigDecimal chainCost(Plan plan) {
        return CHAIN.stream().map(plan.projection()::forNode)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Counts the cached items of the chain; the free prompt items come from the cache. */
    private static long chainCached(Plan plan) {
        return plan.items().stream().filter(item -> CHAIN.contains(item.node())
                && item.state() == ItemState.CACHED).count();
    }

    private String badge(NodeId node) {
        return execute(() -> editor.window.canvas().badgeText(node));
    }

    @Nested
    class Grouping {

        @Test
        void ctrlGGroupsSelectionIntoOneNode() {
            editor = EditorFixture.openSample(temp);
            List<String> before = keys(editor.awaitPlan());

            groupChain();

            Subgraph group = graph().subgraph(GROUP).orElseThrow();
            assertThat(group.members()).containsExactly(KEYFRAME, SHOT, PROMPT);
            assertThat(execute(() -> editor.window.canvas().nodeOnScreen(GROUP))).isPresent();
            assertThat(execute(() -> editor.window.canvas().nodeOnScreen(KEYFRAME))).isEmpty();
            assertThat(execute(() -> editor.window.canvas().selectedNode())).contains(GROUP);
            Plan after = editor.awaitPlan();
            assertThat(keys(after)).isEqualTo(before);
        }

        @Test
        void ctrlClickSelectsSeveralNodes() {
            editor = EditorFixture.openSample(temp);
            java.awt.Point prompt = execute(() -> editor.window.canvas().nodeOnScreen(PROMPT))
                    .orElseThrow();
            java.awt.Point keyframe = execute(() -> editor.window.canvas()
                    .nodeOnScreen(KEYFRAME)).orElseThrow();

            editor.robot.click(prompt, MouseButton.LEFT_BUTTON, 1);
            editor.robot.pressKey(KeyEvent.VK_CONTROL);
            editor.robot.click(keyframe, MouseButton.LEFT_BUTTON, 1);
            editor.robot.releaseKey(KeyEvent.VK_CONTROL);
            editor.robot.waitForIdle();

            assertThat(execute(() -> editor.window.canvas().selectedNodes()))
                    .containsExactlyInAnyOrder(PROMPT, KEYFRAME);
        }

        @Test
        void subgraphBadgeSumsMemberCosts() {
            editor = EditorFixture.openSample(temp);
            groupChain();
            Plan plan = editor.awaitPlan();
            long items = plan.items().stream().filter(i -> CHAIN.contains(i.node())).count();

            editor.waitFor("the subgraph badge", () -> !editor.window.canvas().badgeText(GROUP)
                    .equals("not planned"));

            assertThat(items).isEqualTo(18);
            assertThat(chainCost(plan)).isPositive();
            assertThat(badge(GROUP)).isEqualTo(Money.format(chainCost(plan)) + " · "
                    + chainCached(plan) + "/18 cached");
        }

        @Test
        void groupingAMemberAgainIsRejected() {
            editor = EditorFixture.openSample(temp);
            groupChain();

            Optional<NodeId> again = execute(() -> editor.window.group(Set.of(KEYFRAME)));

            assertThat(again).isEmpty();
            assertThat(execute(editor.window::recentMessages)).contains("Node keyframe already"
                    + " belongs to subgraph group-1; ungroup it first.");
            assertThat(graph().subgraphs()).hasSize(1);
        }
    }

    @Nested
    class ExposedParams {

        @Test
        void exposedParamEditChangesCostBadge() {
            editor = EditorFixture.openSample(temp);
            groupChain();
            editor.awaitPlan();
            editor.waitFor("the subgraph badge", () -> !editor.window.canvas().badgeText(GROUP)
                    .equals("not planned"));
            String before = badge(GROUP);
            execute(() -> editor.window.canvas().select(Optional.of(GROUP)));
            editor.awaitPlan();
            editor.robot.waitForIdle();

            // Under xvfb-run's default 640x480 screen the inspector is off screen, so the check
            // box is toggled with the keyboard rather than clicked.
            JCheckBox expose = editor.frame.checkBox("inspector.expose.shot.duration").target();
            editor.robot.focusAndWaitForFocusGain(expose);
            press(KeyEvent.VK_SPACE);
            editor.waitFor("the exposed param", () -> editor.window.document().graph()
                    .subgraph(GROUP).orElseThrow().exposedParam("duration").isPresent());
            editor.awaitPlan();
            editor.robot.waitForIdle();
            editor.frame.textBox("inspector.exposed.duration").deleteText().enterText("10\n");
            editor.waitFor("a plan with the new duration", () -> editor.window.currentPlan()
                    .isPresent() && editor.window.document().graph().requireNode(SHOT)
                            .param("duration").orElseThrow().asInt() == 10);
            Plan plan = editor.awaitPlan();
            editor.waitFor("the new badge", () -> !editor.window.canvas().badgeText(GROUP)
                    .equals(before));

            assertThat(graph().subgraph(GROUP).orElseThrow().exposed())
                    .containsEntry("duration", ExposedParam.of("shot", "duration"));
            assertThat(graph().requireNode(SHOT).param("duration")).contains(IntNode.valueOf(10));
            assertThat(badge(GROUP)).isEqualTo(Money.format(chainCost(plan)) + " · "
                    + chainCached(plan) + "/18 cached");
        }

        @Test
        void invalidExposedValueIsNotStored() {
            editor = EditorFixture.openSample(temp);
            groupChain();
            execute(() -> editor.window.exposeChanged(GROUP, ExposedParam.of("keyframe",
                    "width"), true));
            execute(() -> editor.window.canvas().select(Optional.of(GROUP)));
            // Each new plan rebuilds the inspector, so the edit waits for the plan first.
            editor.awaitPlan();
            editor.robot.waitForIdle();

            editor.frame.textBox("inspector.exposed.width").deleteText().enterText("abc\n");

            editor.frame.label("inspector.exposed.width.problem").requireVisible();
            assertThat(editor.frame.label("inspector.exposed.width.problem").text()).isNotBlank();
            assertThat(graph().requireNode(KEYFRAME).param("width"))
                    .contains(IntNode.valueOf(1344));
        }
    }

    @Nested
    class Ungrouping {

        @Test
        void ungroupRestoresMembersAndUndoRedoRoundTrip() {
            editor = EditorFixture.openSample(temp);
            Graph original = graph();
            groupChain();
            Graph grouped = graph();

            press(KeyEvent.VK_G, KeyEvent.VK_CONTROL, KeyEvent.VK_SHIFT);
            editor.waitFor("the ungroup", () -> editor.window.document().graph().subgraphs()
                    .isEmpty());

            assertThat(graph()).isEqualTo(original);
            assertThat(execute(() -> editor.window.canvas().nodeOnScreen(KEYFRAME))).isPresent();
            assertThat(execute(() -> editor.window.canvas().selectedNodes()))
                    .containsExactlyInAnyOrderElementsOf(CHAIN);

            press(KeyEvent.VK_Z, KeyEvent.VK_CONTROL);
            editor.waitFor("undo of the ungroup", () -> editor.window.document().graph()
                    .equals(grouped));
            press(KeyEvent.VK_Z, KeyEvent.VK_CONTROL);
            editor.waitFor("undo of the group", () -> editor.window.document().graph()
                    .equals(original));
            press(KeyEvent.VK_Z, KeyEvent.VK_CONTROL, KeyEvent.VK_SHIFT);
            editor.waitFor("redo of the group", () -> editor.window.document().graph()
                    .equals(grouped));
            press(KeyEvent.VK_Z, KeyEvent.VK_CONTROL, KeyEvent.VK_SHIFT);
            editor.waitFor("redo of the ungroup", () -> editor.window.document().graph()
                    .equals(original));

            assertThat(execute(() -> editor.window.document().canRedo())).isFalse();
        }
    }

    @Nested
    class Deleting {

        @Test
        void deleteKeyRemovesSubgraphAndMembers() {
            editor = EditorFixture.openSample(temp);
            groupChain();
            execute(() -> editor.window.canvas().select(Optional.of(GROUP)));
            focusCanvas();

            press(KeyEvent.VK_DELETE);

            editor.waitFor("the members to go", () -> editor.window.document().graph()
                    .node(KEYFRAME).isEmpty());
            assertThat(graph().subgraphs()).isEmpty();
            assertThat(graph().nodeCount()).isEqualTo(4);
            assertThat(graph().node(PROMPT)).isEmpty();
            assertThat(graph().node(SHOT)).isEmpty();
        }
    }

    @Nested
    class Inside {

        @Test
        void doubleClickOpensInsideAndExitReturns() {
            editor = EditorFixture.openSample(temp);
            groupChain();
            java.awt.Point header = execute(() -> editor.window.canvas().nodeOnScreen(GROUP))
                    .orElseThrow();

            editor.robot.click(header, MouseButton.LEFT_BUTTON, 2);
            editor.waitFor("the inside", () -> editor.window.shownSubgraph().isPresent());

            assertThat(execute(() -> editor.window.canvas().nodeOnScreen(KEYFRAME))).isPresent();
            assertThat(execute(() -> editor.window.canvas().nodeOnScreen(GROUP))).isEmpty();
            assertThat(editor.frame.label("subgraph.path").text()).contains("Group 1");
            editor.frame.button("subgraph.exit").click();
            editor.waitFor("the top level", () -> editor.window.shownSubgraph().isEmpty());
            assertThat(execute(() -> editor.window.canvas().nodeOnScreen(GROUP))).isPresent();
        }

        @Test
        void nodeAddedInsideBecomesMember() {
            editor = EditorFixture.openSample(temp);
            groupChain();
            execute(() -> editor.window.enterSubgraph(Optional.of(GROUP)));

            NodeId added = execute(() -> editor.window.addNode(editor.window.workspaceTypes()
                    .find("model.speech").orElseThrow()));

            assertThat(graph().subgraph(GROUP).orElseThrow().members()).contains(added);
            assertThat(execute(() -> editor.window.canvas().nodeOnScreen(added))).isPresent();
        }

        @Test
        void enterKeyOpensSelectedSubgraph() {
            editor = EditorFixture.openSample(temp);
            groupChain();
            execute(() -> editor.window.canvas().select(Optional.of(GROUP)));
            focusCanvas();

            press(KeyEvent.VK_ENTER);

            editor.waitFor("the inside", () -> editor.window.shownSubgraph()
                    .equals(Optional.of(GROUP)));
            assertThat(execute(() -> editor.window.canvas().nodeOnScreen(PROMPT))).isPresent();
        }
    }

    @Nested
    class Saving {

        @Test
        void saveAndReopenGivesIdenticalFile() throws IOException {
            editor = EditorFixture.openSample(temp);
            groupChain();
            execute(() -> editor.window.exposeChanged(GROUP, ExposedParam.of("keyframe", "seed"),
                    true));
            Path first = temp.resolve("grouped.reelgraph");
            Path second = temp.resolve("reopened.reelgraph");

            assertThat(execute(() -> editor.window.saveTo(first))).isTrue();
            assertThat(execute(() -> editor.window.openFile(first))).isTrue();
            Graph reopened = graph();
            assertThat(execute(() -> editor.window.saveTo(second))).isTrue();

            assertThat(reopened.subgraph(GROUP)).isPresent();
            assertThat(reopened.subgraph(GROUP).orElseThrow().exposed()).containsOnlyKeys("seed");
            assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        }
    }
}
