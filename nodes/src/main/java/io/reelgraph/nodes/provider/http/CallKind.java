package io.reelgraph.nodes.provider.http;

/** What a provider request does, which decides whether it may be retried. */
public enum CallKind {
    /**
     * A request that creates a paid job or generation. Retried only when the provider
     * certainly did not process it: a failed connect, HTTP 429, 502 or 503.
     */
    SUBMIT,
    /** A read of job status or a result; retried on HTTP 429, 5xx and network failures. */
    POLL,
    /** A cancel request; retried like a poll, because cancelling twice is harmless. */
    CANCEL,
    /** A download of a result URL; retried like a poll. */
    DOWNLOAD
}
