package io.reelgraph.engine.type;

/** Palette category of a node type; the editor colors node headers by it. */
public enum NodeCategory {
    SOURCE, PROMPT, MODEL, REFERENCE, CUT, OUTPUT, UTILITY, PLACEHOLDER
}
