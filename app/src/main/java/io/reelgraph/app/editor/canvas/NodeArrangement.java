package io.reelgraph.app.editor.canvas;

import io.reelgraph.app.editor.canvas.CanvasListener.Position;
import io.reelgraph.engine.graph.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes the positions that align or distribute node boxes, and snaps positions to a grid. */
final class NodeArrangement {

    /** A node box: its top-left corner and size in graph units. */
    record Box(NodeId node, int x, int y, int width, int height) {
    }

    private NodeArrangement() {
    }

    /**
     * Returns the new top-left corner of each box that the alignment moves. Distributing needs
     * three boxes or more, because with two the gap is already the only gap.
     */
    static Map<NodeId, Position> arrange(List<Box> boxes, Alignment alignment) {
        Map<NodeId, Position> moved = new LinkedHashMap<>();
        if (boxes.size() < 2) {
            return moved;
        }
        switch (alignment) {
            case LEFT -> {
                int left = boxes.stream().mapToInt(Box::x).min().orElseThrow();
                boxes.forEach(box -> moveTo(moved, box, left, box.y()));
            }
            case TOP -> {
                int top = boxes.stream().mapToInt(Box::y).min().orElseThrow();
                boxes.forEach(box -> moveTo(moved, box, box.x(), top));
            }
            case DISTRIBUTE_HORIZONTALLY -> distribute(boxes, true, moved);
            case DISTRIBUTE_VERTICALLY -> distribute(boxes, false, moved);
        }
        return moved;
    }

    private static void distribute(List<Box> boxes, boolean horizontal,
            Map<NodeId, Position> moved) {
        if (boxes.size() < 3) {
            return;
        }
        List<Box> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingInt(horizontal ? Box::x : Box::y));
        Box first = sorted.get(0);
        Box last = sorted.get(sorted.size() - 1);
        int start = horizontal ? first.x() : first.y();
        int end = horizontal ? last.x() + last.width() : last.y() + last.height();
        int occupied = sorted.stream().mapToInt(horizontal ? Box::width : Box::height).sum();
        // The gap may be negative when the boxes overlap; they then overlap evenly.
        double gap = (end - start - occupied) / (double) (sorted.size() - 1);
        double next = start;
        for (Box box : sorted) {
            int at = (int) Math.round(next);
            moveTo(moved, box, horizontal ? at : box.x(), horizontal ? box.y() : at);
            next += (horizontal ? box.width() : box.height()) + gap;
        }
    }

    private static void moveTo(Map<NodeId, Position> moved, Box box, int x, int y) {
        if (box.x() != x || box.y() != y) {
            moved.put(box.node(), new Position(x, y));
        }
    }

    /** Rounds a coordinate to the nearest multiple of {@code grid}, never below zero. */
    static int snap(double value, int grid) {
        return Math.max(0, (int) Math.round(value / grid) * grid);
    }
}
