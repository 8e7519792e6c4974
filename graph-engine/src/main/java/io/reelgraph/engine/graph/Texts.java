package io.reelgraph.engine.graph;

/** Text helpers for messages: values quoted in an error are cut so a huge value stays readable. */
public final class Texts {

    private static final int MAX_QUOTED = 80;

    private Texts() {
    }

    /** Shortens a value for an error message to at most 80 characters, marking the cut. */
    public static String shorten(String value) {
        if (value.length() <= MAX_QUOTED) {
            return value;
        }
        return value.substring(0, MAX_QUOTED - 1) + "…";
    }
}
