package io.reelgraph.nodes.cut;

/** Whether a track carries picture or sound. */
public enum TrackKind {
    VIDEO,
    AUDIO
}
