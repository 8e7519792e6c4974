package io.reelgraph.nodes.catalog;

import java.util.Arrays;
import java.util.Optional;

/** How far a catalog price can be trusted, judged by where it was read. */
public enum Confidence {
    /** Read in an official SDK source file. */
    SDK("SDK"),
    /** Read in a copy of the provider's own documentation. */
    DOC("DOC"),
    /** Read on a third-party page or aggregator; indicative only. */
    THIRD_PARTY("3P"),
    /** Recorded from memory and not checked against a page. */
    MEMORY("MEM"),
    /** Set by Reelgraph itself, as for the free draft provider. */
    BUILTIN("builtin");

    private final String code;

    Confidence(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Confidence> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
