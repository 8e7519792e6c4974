package io.reelgraph.nodes.provider.http;

/**
 * A token bucket: {@code capacity} tokens, refilled at {@code perSecond}. Thread-safe. Time is
 * passed in so the arithmetic can be tested without waiting.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long updatedNanos;

    TokenBucket(double perSecond, int capacity, long nowNanos) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.updatedNanos = nowNanos;
    }

    /**
     * Takes one token, reserving it ahead when the bucket is empty.
     *
     * @return how long the caller must wait before sending, in nanoseconds; 0 when it may send
     */
    synchronized long take(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - updatedNanos) * perNano);
        updatedNanos = nowNanos;
        tokens -= 1;
        if (tokens >= 0) {
            return 0;
        }
        return (long) Math.ceil(-tokens / perNano);
    }
}
