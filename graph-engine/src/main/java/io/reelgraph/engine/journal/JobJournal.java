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

    /**
     * Takes over the entry of another owner, such as the SUBMITTED job of a process that was
     * killed mid-poll, in one atomic statement. The entry keeps its status and provider job.
     *
     * @param seen the entry the caller read; the takeover happens only if it is unchanged since
     * @return true when this owner now owns the entry; false when it changed in between
     */
    boolean adopt(CacheKey key, JobEntry seen);

    /**
     * Records the provider's job the moment the submit response arrives.
     *
     * @throws JobClaimedException when another owner has taken the entry over since this owner
     *     claimed it; the entry is left as that owner wrote it
     */
    void submitted(CacheKey key, ProviderJob job);

    /**
     * Records that the submit was sent but its outcome is unknown.
     *
     * @param providerRequestId the provider's request id when response headers arrived
     * @throws JobClaimedException when another owner has taken the entry over
     */
    void ambiguous(CacheKey key, Optional<String> providerRequestId);

    /**
     * Marks this owner's entry DONE. An entry that another owner has taken over is left as it
     * is, because that owner finishes it.
     */
    void done(CacheKey key);

    /** Marks this owner's entry FAILED; an entry of another owner is left as it is. */
    void failed(CacheKey key);

    /** Removes the entry, after the user checked that the provider has no job for it. */
    void forget(CacheKey key);
}
