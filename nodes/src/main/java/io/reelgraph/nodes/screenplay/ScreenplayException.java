package io.reelgraph.nodes.screenplay;

/** A screenplay that cannot be read: not UTF-8, too large or binary. */
public final class ScreenplayException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    ScreenplayException(String source, int line, String problem) {
        super(source + ", line " + line + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** Returns the name of the file or input that failed, as given to the parser. */
    public String source() {
        return source;
    }

    /** Returns the 1-based line where the problem was found. */
    public int line() {
        return line;
    }
}
