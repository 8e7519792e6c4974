package io.reelgraph.engine.type;

/**
 * A work item failed for a reason the user can act on, such as a missing or malformed input
 * file. The message names the value and says what to do.
 */
public class NodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public NodeException(String message) {
        super(message);
    }

    public NodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
