package io.reelgraph.app.editor.canvas;

/** The ways {@link GraphCanvas#align} lines up the selected nodes. */
public enum Alignment {
    /** Moves every selected node to the left edge of the leftmost one. */
    LEFT,
    /** Moves every selected node to the top edge of the topmost one. */
    TOP,
    /** Spaces the selected nodes so the gaps between them, left to right, are equal. */
    DISTRIBUTE_HORIZONTALLY,
    /** Spaces the selected nodes so the gaps between them, top to bottom, are equal. */
    DISTRIBUTE_VERTICALLY
}
