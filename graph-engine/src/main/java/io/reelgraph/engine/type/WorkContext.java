package io.reelgraph.engine.type;

import io.reelgraph.engine.journal.JobHandle;
import java.util.Optional;

/**
 * The running side of one work item: progress reporting and cancellation.
 */
public interface WorkContext {

    /** Reports provider progress, from 0.0 to 1.0, with a short status such as "rendering". */
    void progress(double fraction, String status);

    /** Reports that the item waits for a provider's rate limit before it may send. */
    void waitingForRateLimit(long millis);

    boolean cancelled();

    /** Throws {@link InterruptedException} when the run was cancelled. */
    default void checkCancelled() throws InterruptedException {
        if (cancelled() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("Run cancelled");
        }
    }

    /**
     * Returns the job journal entry of this work item, through which an async provider call
     * records its submit and finds a job that an earlier run submitted. Empty when the engine
     * runs without a journal.
     */
    default Optional<JobHandle> job() {
        return Optional.empty();
    }

    /** A context for work done outside a run, which reports nothing and is never cancelled. */
    WorkContext NONE = new WorkContext() {
        @Override
        public void progress(double fraction, String status) {
        }

        @Override
        public void waitingForRateLimit(long millis) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };
}
