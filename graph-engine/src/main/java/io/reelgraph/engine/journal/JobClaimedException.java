package io.reelgraph.engine.journal;

/**
 * Another journal instance, usually another process on the same database, has claimed of a
 * cache key and has its submit in flight, or finished the key after this run's cache lookup. The
 * work item must not submit; the engine waits for the entry to become SUBMITTED or DONE.
 */
public class JobClaimedException extends JournalException {

    private static final long serialVersionUID = 1L;

    private final transient JobEntry entry;

    public JobClaimedException(JobEntry entry) {
        super(message(entry), null);
        this.entry = entry;
    }

    private static String message(JobEntry entry) {
        String owner = entry.owner().orElse("an earlier run");
        if (entry.status() == JobStatus.DONE) {
            return "Cache key " + entry.cacheKey().shortForm() + " was finished by " + owner
                    + " after this run looked it up in the result cache; read the result from"
                    + " the cache instead of submitting again";
        }
        return "Cache key " + entry.cacheKey().shortForm() + " is claimed by " + owner
                + " (status " + entry.status() + " since " + entry.updatedAt() + ") and was not"
                + " submitted by this run; run the item again once that submit has finished,"
                + " or clear the job journal entry after checking the provider's dashboard";
    }

    /** Returns the entry as it was read when the claim was found taken. */
    public JobEntry entry() {
        return entry;
    }
}
