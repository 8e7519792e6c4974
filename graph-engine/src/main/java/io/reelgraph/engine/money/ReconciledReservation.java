package io.reelgraph.engine.money;

import java.util.Objects;

/**
 * A reservation that reconciliation looked at, because the process that made it is gone.
 *
 * @param entry the ledger row as it was before reconciliation
 * @param reason why the row got its outcome, naming the process and the job journal state
 */
public record ReconciledReservation(LedgerEntry entry, ReconcileOutcome outcome, String reason) {

    public ReconciledReservation {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }
}
