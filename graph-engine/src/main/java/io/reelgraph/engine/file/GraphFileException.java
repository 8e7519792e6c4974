package io.reelgraph.engine.file;

import java.util.Optional;

/**
 * A graph file could not be read or written. The message starts with the source name and, for
 * a problem inside the file, the 1-based line and column: {@code story.reelgraph:12:5: ...}.
 */
public final class GraphFileException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A 1-based line and column in a graph file. */
    public record Position(int line, int column) {
    }

    private final String sourceName;
    private final transient Optional<Position> position;
    private final String problem;

    /** Creates an exception for a problem at a position in the file. */
    public GraphFileException(String sourceName, Position position, String problem) {
        super(sourceName + ":" + position.line() + ":" + position.column() + ": " + problem);
        this.sourceName = sourceName;
        this.position = Optional.of(position);
        this.problem = problem;
    }

    /** Creates an exception for a problem with the file as a whole, such as its size. */
    public GraphFileException(String sourceName, String problem) {
        this(sourceName, problem, null);
    }

    /** Creates an exception for a file as a whole, keeping the I/O failure as the cause. */
    public GraphFileException(String sourceName, String problem, Throwable cause) {
        super(sourceName + ": " + problem, cause);
        this.sourceName = sourceName;
        this.position = Optional.empty();
        this.problem = problem;
    }

    public String sourceName() {
        return sourceName;
    }

    /** Returns the position in the file, absent when the problem concerns the whole file. */
    public Optional<Position> position() {
        return position;
    }

    /** Returns the message without the source name and position. */
    public String problem() {
        return problem;
    }
}
