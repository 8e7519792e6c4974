package io.reelgraph.nodes.provider.async;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One poll of a provider job.
 *
 * @param progress the provider's progress from 0 to 1, when it reports one
 * @param rawStatus the provider's own status, such as {@code IN_QUEUE}
 * @param message a short text for the user, such as "queue position 2" or a failure reason
 */
public record JobState(JobPhase phase, OptionalDouble progress, String rawStatus,
        String message) {

    public JobState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(rawStatus, "rawStatus");
        Objects.requireNonNull(message, "message");
    }
}
