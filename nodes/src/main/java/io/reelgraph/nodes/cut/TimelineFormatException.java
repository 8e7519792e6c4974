package io.reelgraph.nodes.cut;

/**
 * Signals a cut value that cannot be read: a frame rate, timecode, time value or timeline JSON
 * member. The message quotes the value and the field and says what is accepted instead.
 */
public final class TimelineFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TimelineFormatException(String message) {
        super(message);
    }

    public TimelineFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
