package io.reelgraph.nodes.media;

/**
 * Raised when bytes carry the magic bytes of a known format but are truncated or malformed, so
 * no trustworthy value can be read from them. The message names the format, the field and the
 * byte offset.
 */
public final class MalformedMediaException extends Exception {

    private final String mediaType;

    public MalformedMediaException(String mediaType, String message) {
        super(message);
        this.mediaType = mediaType;
    }

    /** Returns the media type that the magic bytes announced, such as {@code video/mp4}. */
    public String mediaType() {
        return mediaType;
    }
}
