package io.reelgraph.engine.journal;

import io.reelgraph.engine.cache.CacheKey;
import java.util.Objects;
import java.util.Optional;

/** The job journal entry of one work item: the journal bound to the item's cache key. */
public final class JobHandle {

    private final JobJournal journal;
    private final CacheKey key;

    public JobHandle(JobJournal journal, CacheKey key) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.key = Objects.requireNonNull(key, "key");
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
