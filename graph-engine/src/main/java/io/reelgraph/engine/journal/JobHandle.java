package io.reelgraph.engine.journal;

import io.reelgraph.engine.cache.CacheKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The job journal entry of one work item: the journal bound to the item's cache key. */
public final class JobHandle {

    private final JobJournal journal;
    private final CacheKey key;
    private final Optional<Optional<JobEntry>> beforeCacheLookup;

    public JobHandle(JobJournal journal, CacheKey key) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.key = Objects.requireNonNull(key, "key");
        this.beforeCacheLookup = Optional.empty();
    }

    /**
     * Creates a handle for a work item whose result cache lookup missed.
     *
     * @param beforeCacheLookup the entry read just before that lookup, or empty when there was
     *     none. A DONE entry that differs from it means another process committed the result
     *     after the lookup, so {@link #claim} refuses to replace it.
     */
    public JobHandle(JobJournal journal, CacheKey key, Optional<JobEntry> beforeCacheLookup) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.key = Objects.requireNonNull(key, "key");
        this.beforeCacheLookup = Optional.of(beforeCacheLookup);
    }

    public CacheKey key() {
        return key;
    }

    public Optional<JobEntry> entry() {
        return journal.find(key);
    }

    public void submitting(String provider, String model) {
        journal.submitting(key, provider, model);
    }

    /**
     * Claims the submit of this key, replacing the entry the caller saw.
     *
     * @throws JobClaimedException when another run claimed the key first, or finished it after
     *     the result cache lookup; the caller must not submit
     */
    public void claim(String provider, String model, Optional<JobEntry> seen) {
        if (seen.isPresent() && seen.get().status() == JobStatus.DONE
                && beforeCacheLookup.isPresent() && !beforeCacheLookup.get().equals(seen)) {
            throw new JobClaimedException(seen.get());
        }
        if (journal.claim(key, provider, model, seen)) {
            return;
        }
        Optional<JobEntry> winner = journal.find(key);
        if (winner.isPresent()) {
            throw new JobClaimedException(winner.get());
        }
        // The winner's entry was removed in between, so try once more from scratch.
        if (!journal.claim(key, provider, model, Optional.empty())) {
            throw new JobClaimedException(journal.find(key).orElseThrow(() ->
                    new JournalException("The job journal entry of cache key " + key.shortForm()
                            + " changed twice during one claim; run the item again", null)));
        }
    }

    /**
     * Returns whether the entry is a submit that another owner has in flight: SUBMITTING,
     * claimed by another journal instance, and updated within the journal's stale limit.
     */
    public boolean inFlightElsewhere(JobEntry entry, Instant now) {
        return entry.status() == JobStatus.SUBMITTING
                && !entry.owner().equals(Optional.of(journal.owner()))
                && entry.updatedAt().plus(journal.staleAfter()).isAfter(now);
    }

    /** Returns whether another journal instance claimed the entry. */
    public boolean ownedElsewhere(JobEntry entry) {
        return !entry.owner().equals(Optional.of(journal.owner()));
    }

    /**
     * Takes over the entry the caller saw when another owner has it, so this run's status
     * updates are written and that owner's later ones are not.
     *
     * @throws JobClaimedException when the entry changed after the caller read it
     */
    public void adopt(JobEntry seen) {
        if (!ownedElsewhere(seen)) {
            return;
        }
        if (!journal.adopt(key, seen)) {
            throw new JobClaimedException(journal.find(key).orElse(seen));
        }
    }

    public void submitted(ProviderJob job) {
        journal.submitted(key, job);
    }

    public void ambiguous(Optional<String> providerRequestId) {
        journal.ambiguous(key, providerRequestId);
    }

    public void done() {
        journal.done(key);
    }

    public void failed() {
        journal.failed(key);
    }

    public void forget() {
        journal.forget(key);
    }

    @Override
    public String toString() {
        return "JobHandle[" + key.shortForm() + "]";
    }
}
