package io.reelgraph.engine.money;

/** The outcome of reconciling a reservation whose process is gone. */
public enum ReconcileOutcome {
    /** The job journal shows the job finished: the row is settled at its projected cost. */
    SETTLED,
    /** The job journal shows no finished or open job: the reservation no longer counts. */
    RELEASED,
    /** The job journal shows the job still open at the provider: the reservation still counts. */
    KEPT
}
