package io.reelgraph.nodes.cut;

/** What a media file contains, which decides how a clip of it is cut and exported. */
public enum MediaKind {
    /** Moving picture, possibly with sound. */
    VIDEO,
    /** A still image, which has no duration of its own. */
    IMAGE,
    /** Sound only. */
    AUDIO
}
