package io.reelgraph.engine.journal;

import io.reelgraph.engine.cache.CacheKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The job journal: one entry per async provider job, keyed by the cache key of the work item.
 * No provider supports idempotency keys, so this is what keeps a retried or restarted run from
 * submitting, and paying for, the same job twice. Implementations are thread-safe.
 */
public interface JobJournal {

    Optional<JobEntry> find(CacheKey key);

    /** Returns the id this journal instance writes into the entries it claims. */
    String owner();

    /**
     * Returns how long a SUBMITTING entry of another owner counts as a submit still in flight.
     * An older one is treated as ambiguous: looked up in the provider's job list, never
     * submitted again blindly.
     */
    Duration staleAfter();

    /**
     * Claims the submit of a cache key for this journal's owner in one atomic statement, so that
     * of several runs or processes on one database exactly one submits.
     *
     * @param seen the entry the caller read before deciding to submit, or empty when it found
     *     none. The claim replaces that entry only if it is unchanged since.
     * @return true when this owner now has the SUBMITTING entry; false when another run got
     *     there first, in which case the caller must not submit
     */
    boolean claim(CacheKey key, String provider, String model, Optional<JobEntry> seen);

    /** Returns every entry that may still be running at a provider, oldest first. */
    List<JobEntry> open();

    /**
     * Records that a submit is about to be sent, replacing any entry of the same key. This is
     * not atomic against other processes, so new callers use {@link #claim} instead.
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

    /** Removes the entry, after the user checked that the provider has no job for it. */
    void forget(CacheKey key);
}
