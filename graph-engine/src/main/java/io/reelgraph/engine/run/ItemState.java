package io.reelgraph.engine.run;

/**
 * State of one work item in a plan or after a run.
 *
 * <p>A plan uses {@link #CACHED}, {@link #EXECUTED}, {@link #WILL_RUN},
 * {@link #BLOCKED_ON_UPSTREAM}, {@link #SKIPPED} and {@link #FAILED}. A run ends each item in
 * {@link #CACHED}, {@link #EXECUTED}, {@link #FAILED}, {@link #SKIPPED} or {@link #CANCELLED}.
 */
public enum ItemState {
    /** The result came from the cache; nothing was computed or paid for. */
    CACHED,
    /** The item was computed in this evaluation (free items while planning, any item in a run). */
    EXECUTED,
    /** A paid item whose cache key is known and not cached: a run will call its provider. */
    WILL_RUN,
    /** An input comes from a paid item that will run, so this item runs after it. */
    BLOCKED_ON_UPSTREAM,
    /** The item failed; the first failure is kept with its message. */
    FAILED,
    /** An upstream item failed, so this item could not be computed. */
    SKIPPED,
    /** The run was cancelled before the item finished. */
    CANCELLED;

    /** Returns whether the item has a result. */
    public boolean hasResult() {
        return this == CACHED || this == EXECUTED;
    }
}
