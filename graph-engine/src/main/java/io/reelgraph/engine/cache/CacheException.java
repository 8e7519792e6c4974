package io.reelgraph.engine.cache;

/** The result cache or blob store failed; the message names the file or key involved. */
public class CacheException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }

    public CacheException(String message) {
        super(message);
    }
}
