package io.reelgraph.app.editor.preview;

/** Raised when a preview cannot decode a media file; the message names the file and the fix. */
public final class MediaDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public MediaDecodeException(String message) {
        super(message);
    }

    public MediaDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
