package io.reelgraph.engine.journal;

/** The state of an async provider job as the job journal records it. */
public enum JobStatus {
    /** The submit is about to be sent or is in flight; no response has arrived yet. */
    SUBMITTING,
    /** The provider accepted the job and returned its id; poll it, never submit again. */
    SUBMITTED,
    /** The result is committed to the result cache. */
    DONE,
    /** The job failed or was cancelled at the provider; a new run may submit again. */
    FAILED,
    /**
     * The submit was sent but no usable response arrived, so the provider may or may not have
     * created a job. The submit is not repeated until the provider's job list says no job
     * exists or the user clears the entry.
     */
    AMBIGUOUS;

    /** Returns whether a job in this state may still be running at the provider. */
    public boolean open() {
        return this == SUBMITTING || this == SUBMITTED || this == AMBIGUOUS;
    }
}
