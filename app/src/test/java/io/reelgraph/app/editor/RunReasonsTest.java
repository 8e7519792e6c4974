package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canvas tooltip gives the reason the next run will or will not compute a node. */
class RunReasonsTest {

    private static final NodeId NODE = NodeId.of("keyframe");

    private static PlannedItem item(String key, ItemState state, String reason) {
        return new PlannedItem(NODE, "model.image", key, 0, state, true, Optional.empty(),
                Optional.empty(), BigDecimal.ZERO, reason, Optional.empty(), Optional.empty());
    }

    @Nested
    class Text {

        @Test
        void changedParamIsNamedOncePerReason() {
            String text = RunReasons.describe(List.of(
                    item("scene-1", ItemState.WILL_RUN, "param seed 7 -> 99"),
                    item("scene-2", ItemState.WILL_RUN, "param seed 7 -> 99"),
                    item("scene-3", ItemState.CACHED, "cached")));

            assertThat(text).isEqualTo("Will run 2 of 3 items:\nparam seed 7 -> 99 (2 items)");
        }

        @Test
        void allCachedSaysItWillNotRun() {
            String text = RunReasons.describe(List.of(item("scene-1", ItemState.CACHED, "cached"),
                    item("scene-2", ItemState.CACHED, "cached")));

            assertThat(text).isEqualTo("Will not run: all 2 results are cached or free.");
        }

        @Test
        void failedItemsGiveTheirReason() {
            String text = RunReasons.describe(List.of(
                    item("scene-1", ItemState.FAILED, "file refs/juno.png is missing"),
                    item("scene-2", ItemState.CACHED, "cached")));

            assertThat(text).isEqualTo("Will not run (1 of 2 cached):\n"
                    + "failed: file refs/juno.png is missing");
        }

        @Test
        void manyReasonsAreCounted() {
            List<PlannedItem> items = List.of(
                    item("a", ItemState.WILL_RUN, "param a"), item("b", ItemState.WILL_RUN, "param b"),
                    item("c", ItemState.WILL_RUN, "param c"), item("d", ItemState.WILL_RUN, "param d"),
                    item("e", ItemState.WILL_RUN, "param e"), item("f", ItemState.WILL_RUN, "param f"));

            assertThat(RunReasons.describe(items).split("\n")).containsExactly(
                    "Will run 6 of 6 items:", "param a", "param b", "param c", "param d",
                    "2 more reasons");
        }
    }

    @Nested
    class Canvas {

        @TempDir
        Path temp;

        @Test
        void hoverShowsThePlanReason() {
            try (EditorFixture editor = EditorFixture.openSample(temp)) {
                Plan plan = editor.awaitPlan();
                PlannedItem first = plan.byNode().get(NODE).get(0);
                editor.waitFor("the reasons of the plan", () ->
                        editor.window.canvas().reasonFor(NODE).isPresent());

                String tip = execute(() -> editor.window.canvas().toolTipOf(NODE).orElseThrow());

                assertThat(first.state()).isEqualTo(ItemState.WILL_RUN);
                assertThat(tip).startsWith("<html>Will run ");
                assertThat(tip).contains(first.reason());
            }
        }
    }
}
