package io.reelgraph.nodes.provider.keys;

/** The outcome of a {@link KeyCheck}. */
public enum KeyCheckOutcome {
    /** The provider accepted the authenticated request, so the key works. */
    ACCEPTED,
    /** The provider responded with HTTP 401 or 403: the key is wrong, revoked or lacks permission. */
    REJECTED,
    /**
     * The provider could not be reached, or it responded with an error that reveals nothing about
     * the key, such as HTTP 429 or 5xx. The key's state is unknown.
     */
    UNREACHABLE
}
