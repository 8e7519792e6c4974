package io.reelgraph.engine.journal;

import io.reelgraph.engine.cache.CacheKey;
import java.util.List;
import java.util.Optional;

/**
 * The job journal: one entry per async provider job, keyed by the cache key of the work item.
 * No provider supports idempotency keys, so this is what keeps a retried or restarted run from
 * submitting, and paying for, the same job twice. Implementations are thread-safe.
 */
public interface JobJournal {

    Optional<JobEntry> find(CacheKey key);

    /** Returns every entry that may still be running at a provider, oldest first. */
    List<JobEntry> open();

    /**
     * Records that a submit is about to be sent, replacing a finished or failed entry of the
     * same key.
     */
    void submitting(CacheKey key, String provider, String model);

    /** Records the provider's job the moment the submit response arrives. */
    void submitted(CacheKey key, ProviderJob job);

    /**
     * Records that the submit was sent but its outcome is unknown.
     *
     * @param providerRequestId the provider's request id when response headers arrived
     */
    void ambiguous(CacheKey key, Optional<String> providerRequestId);

    void done(CacheKey key);

    void failed(CacheKey key);

    /** Removes the entry, after the user checked that the provider holds no job for it. */
    void forget(CacheKey key);
}
