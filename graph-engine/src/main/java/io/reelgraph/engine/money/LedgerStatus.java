package io.reelgraph.engine.money;

/** The state of one spend ledger row. */
public enum LedgerStatus {
    /** The projected cost is reserved and the call is about to be sent or in flight. */
    RESERVED,
    /** The call returned; the actual cost is recorded. */
    SETTLED,
    /** The call failed before the provider charged for it; the reservation no longer counts. */
    RELEASED,
    /** The outcome of the call is unknown, so its projected cost still counts against caps. */
    PENDING,
    /** A cache hit of a paid work item: nothing was paid, and the projection was saved. */
    CACHED;

    /** Returns whether rows in this state count against budget caps. */
    public boolean counts() {
        return this == RESERVED || this == SETTLED || this == PENDING;
    }
}
