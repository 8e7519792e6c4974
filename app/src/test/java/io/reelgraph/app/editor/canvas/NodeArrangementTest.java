package io.reelgraph.app.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.app.editor.canvas.CanvasListener.Position;
import io.reelgraph.app.editor.canvas.NodeArrangement.Box;
import io.reelgraph.engine.graph.NodeId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NodeArrangementTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");

    @Nested
    class Aligning {

        @Test
        void leftMovesOnlyNodesOffTheEdge() {
            Map<NodeId, Position> moved = NodeArrangement.arrange(List.of(
                    new Box(A, 100, 10, 220, 100), new Box(B, 40, 300, 220, 100),
                    new Box(C, 40, 500, 220, 100)), Alignment.LEFT);

            assertThat(moved).containsExactly(Map.entry(A, new Position(40, 10)));
        }

        @Test
        void topUsesTopmostNode() {
            Map<NodeId, Position> moved = NodeArrangement.arrange(List.of(
                    new Box(A, 0, 90, 220, 100), new Box(B, 300, 30, 220, 100)),
                    Alignment.TOP);

            assertThat(moved).containsExactly(Map.entry(A, new Position(0, 30)));
        }

        @Test
        void singleNodeStaysPut() {
            assertThat(NodeArrangement.arrange(List.of(new Box(A, 5, 5, 220, 100)),
                    Alignment.LEFT)).isEmpty();
        }
    }

    @Nested
    class Distributing {

        @Test
        void horizontalGapsBecomeEqual() {
            // Boxes 100 wide from 0 to 700: 400 free units make two gaps of 200.
            Map<NodeId, Position> moved = NodeArrangement.arrange(List.of(
                    new Box(C, 600, 0, 100, 50), new Box(A, 0, 10, 100, 50),
                    new Box(B, 150, 20, 100, 50)), Alignment.DISTRIBUTE_HORIZONTALLY);

            assertThat(moved).containsExactly(Map.entry(B, new Position(300, 20)));
        }

        @Test
        void verticalGapsUseEachHeight() {
            // Heights 50, 150 and 100 from 0 to 500: 200 free units make two gaps of 100.
            Map<NodeId, Position> moved = NodeArrangement.arrange(List.of(
                    new Box(A, 0, 0, 100, 50), new Box(B, 0, 60, 100, 150),
                    new Box(C, 0, 400, 100, 100)), Alignment.DISTRIBUTE_VERTICALLY);

            assertThat(moved).containsExactly(Map.entry(B, new Position(0, 150)));
        }

        @Test
        void twoNodesStayPut() {
            assertThat(NodeArrangement.arrange(List.of(new Box(A, 0, 0, 100, 50),
                    new Box(B, 500, 0, 100, 50)), Alignment.DISTRIBUTE_HORIZONTALLY)).isEmpty();
        }
    }

    @Test
    void snapRoundsToNearestGridLine() {
        assertThat(NodeArrangement.snap(674.9, 10)).isEqualTo(670);
        assertThat(NodeArrangement.snap(675.0, 10)).isEqualTo(680);
        assertThat(NodeArrangement.snap(-12, 10)).isZero();
    }
}
