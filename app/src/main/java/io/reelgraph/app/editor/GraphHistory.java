package io.reelgraph.app.editor;

import io.reelgraph.engine.graph.Graph;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo and redo over immutable graphs: every edit pushes the graph it replaced. Because graphs
 * are immutable, undoing restores exactly the earlier graph, layout and params included.
 */
public final class GraphHistory {

    /** Oldest graphs are dropped past this many undo steps, to bound memory. */
    static final int MAX_STEPS = 500;

    private final Deque<Graph> undo = new ArrayDeque<>();
    private final Deque<Graph> redo = new ArrayDeque<>();

    /** Records that {@code previous} was replaced by an edit; clears the redo steps. */
    public void recordEdit(Graph previous) {
        undo.push(previous);
        if (undo.size() > MAX_STEPS) {
            undo.removeLast();
        }
        redo.clear();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Returns the graph before {@code current} and remembers {@code current} for redo. */
    public Graph undo(Graph current) {
        if (undo.isEmpty()) {
            throw new IllegalStateException("Nothing to undo");
        }
        redo.push(current);
        return undo.pop();
    }

    /** Returns the graph that was undone last and remembers {@code current} for undo. */
    public Graph redo(Graph current) {
        if (redo.isEmpty()) {
            throw new IllegalStateException("Nothing to redo");
        }
        undo.push(current);
        return redo.pop();
    }

    public void clear() {
        undo.clear();
        redo.clear();
    }
}
