package io.reelgraph.nodes.provider.async;

import java.time.Duration;
import java.util.Objects;

/**
 * How often to poll and for how long: the first wait, growing by {@code multiplier} up to
 * {@code maxInterval}, each with jitter, until {@code wholeJobTimeout} after the submit.
 */
public record PollingPolicy(Duration initialInterval, Duration maxInterval, double multiplier,
        Duration wholeJobTimeout) {

    public PollingPolicy {
        Objects.requireNonNull(initialInterval, "initialInterval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        Objects.requireNonNull(wholeJobTimeout, "wholeJobTimeout");
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
    }

    /** Images: poll after 1 s, backing off to 5 s, for at most 10 minutes. */
    public static final PollingPolicy IMAGE = new PollingPolicy(Duration.ofSeconds(1),
            Duration.ofSeconds(5), 1.5, Duration.ofMinutes(10));

    /** Video: poll after 2 s, backing off to 10 s, for at most 20 minutes. */
    public static final PollingPolicy VIDEO = new PollingPolicy(Duration.ofSeconds(2),
            Duration.ofSeconds(10), 1.5, Duration.ofMinutes(20));
}
