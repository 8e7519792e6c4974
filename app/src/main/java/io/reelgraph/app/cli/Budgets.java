package io.reelgraph.app.cli;

import io.reelgraph.app.Workspace;
import io.reelgraph.engine.cache.CacheException;
import io.reelgraph.engine.money.BudgetException;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.money.ReconciledReservation;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the budget caps and spend ledger of a workspace for a command. */
final class Budgets {

    private static final Logger LOG = LoggerFactory.getLogger(Budgets.class);

    /**
     * An opened store with what opening it reconciled.
     *
     * @param reconciled the reservations of gone processes that were settled, released or kept
     */
    record Opened(H2Budget budget, List<ReconciledReservation> reconciled) {
    }

    private Budgets() {
    }

    /**
     * Opens the store and reconciles the reservations of processes that are gone, ending the
     * command with {@link ExitCodes#INTERNAL} if the cache fails.
     */
    static H2Budget open(Workspace workspace) {
        return openReconciled(workspace).budget();
    }

    /**
     * Opens the store and reconciles the reservations of processes that are gone. A failed
     * reconciliation is logged and leaves the rows as they were, because it must not stop the
     * command that opened the store.
     */
    static Opened openReconciled(Workspace workspace) {
        H2Budget budget;
        try {
            budget = workspace.budget();
        } catch (CacheException | IllegalStateException e) {
            throw new CommandFailure(ExitCodes.INTERNAL, e.getMessage());
        }
        try {
            return new Opened(budget, budget.reconcile(workspace.journal()));
        } catch (BudgetException | IllegalStateException e) {
            LOG.error("Failed to reconcile the open reservations of the spend ledger", e);
            return new Opened(budget, List.of());
        }
    }
}
