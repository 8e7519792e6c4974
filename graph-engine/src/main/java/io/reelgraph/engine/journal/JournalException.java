package io.reelgraph.engine.journal;

/** The job journal could not be read or written; the message names the cache key. */
public class JournalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
