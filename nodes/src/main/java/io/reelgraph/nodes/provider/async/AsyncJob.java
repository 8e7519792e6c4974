package io.reelgraph.nodes.provider.async;

import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.provider.error.ProviderException;
import java.io.IOException;

/**
 * The provider-specific steps of one async job, supplied by an adapter to
 * {@link AsyncJobRunner}, which adds polling, progress, cancellation, the whole-job timeout and
 * the job journal.
 *
 * @param <R> the result, such as a downloaded generation
 */
public interface AsyncJob<R> {

    /** Sends the submit request and returns the job from its response. */
    ProviderJob submit(WorkContext context) throws IOException, ProviderException;

    JobState poll(ProviderJob job, WorkContext context) throws IOException, ProviderException;

    /** Fetches and downloads the result of a job that succeeded. */
    R fetch(ProviderJob job, WorkContext context) throws IOException, ProviderException;

    /**
     * Asks the provider to cancel the job.
     *
     * @return whether the provider accepted the cancellation; false when the API has no cancel
     *     or the job had already finished
     */
    default boolean cancel(ProviderJob job, WorkContext context)
            throws IOException, ProviderException {
        return false;
    }
}
