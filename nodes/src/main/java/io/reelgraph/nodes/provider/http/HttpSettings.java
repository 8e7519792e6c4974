package io.reelgraph.nodes.provider.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts, retry, rate-limit and download limits of one provider's HTTP client.
 *
 * @param maxRetries retries after the first attempt for 429 and 5xx responses
 * @param initialBackoff the first backoff after a 5xx; doubled on each retry, with jitter
 * @param maxBackoff the longest wait between two attempts, also the cap on Retry-After
 * @param requestsPerSecond the token bucket refill rate; the bucket holds {@code burst} tokens
 * @param maxDownloadBytes the largest result body accepted
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, int maxRetries,
        Duration initialBackoff, Duration maxBackoff, double requestsPerSecond, int burst,
        long maxDownloadBytes) {

    // NOTE: the rate below is a conservative default, not a published provider limit; most
    // providers limit concurrency or per-minute quotas by account tier.
    public static final HttpSettings DEFAULT = new HttpSettings(Duration.ofSeconds(10),
            Duration.ofSeconds(120), 4, Duration.ofMillis(500), Duration.ofSeconds(60), 5, 10,
            2L * 1024 * 1024 * 1024);

    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetries < 0 || requestsPerSecond <= 0 || burst < 1 || maxDownloadBytes < 1) {
            throw new IllegalArgumentException("Invalid HTTP settings: maxRetries " + maxRetries
                    + ", requestsPerSecond " + requestsPerSecond + ", burst " + burst
                    + ", maxDownloadBytes " + maxDownloadBytes + "; each must be positive");
        }
    }

    public HttpSettings withReadTimeout(Duration timeout) {
        return new HttpSettings(connectTimeout, timeout, maxRetries, initialBackoff, maxBackoff,
                requestsPerSecond, burst, maxDownloadBytes);
    }

    public HttpSettings withMaxDownloadBytes(long bytes) {
        return new HttpSettings(connectTimeout, readTimeout, maxRetries, initialBackoff,
                maxBackoff, requestsPerSecond, burst, bytes);
    }

    public HttpSettings withRate(double perSecond, int tokens) {
        return new HttpSettings(connectTimeout, readTimeout, maxRetries, initialBackoff,
                maxBackoff, perSecond, tokens, maxDownloadBytes);
    }
}
