package io.reelgraph.engine.run;

import io.reelgraph.engine.graph.NodeId;
import java.math.BigDecimal;
import java.util.Optional;

/** A progress event of a run, about one work item or about the run as a whole. */
public sealed interface RunEvent {

    /** A work item is ready and waits for a free slot under its provider's concurrency limit. */
    record Queued(NodeId node, String itemKey, String provider) implements RunEvent {
    }

    /** A work item waits for its provider's rate limit. */
    record WaitingForRateLimit(NodeId node, String itemKey, long millis) implements RunEvent {
    }

    /** A work item started: free work began, or a paid call is being sent. */
    record Started(NodeId node, String itemKey, boolean paid) implements RunEvent {
    }

    /** Provider progress from 0.0 to 1.0 with a short status such as {@code rendering}. */
    record Progress(NodeId node, String itemKey, double fraction, String status)
            implements RunEvent {
    }

    /**
     * A work item finished and its result is durable in the cache.
     *
     * @param cached true when the result came from the cache, including results that another
     *     work item with the same cache key produced during this run
     */
    record Done(NodeId node, String itemKey, boolean cached, Optional<BigDecimal> actualUsd)
            implements RunEvent {
    }

    record Failed(NodeId node, String itemKey, String message) implements RunEvent {
    }

    record Skipped(NodeId node, String itemKey, String reason) implements RunEvent {
    }

    record Cancelled(NodeId node, String itemKey) implements RunEvent {
    }

    /** The run finished; the counts match the run result. */
    record Finished(int total, int executed, int cached, int failed) implements RunEvent {
    }
}
