package io.reelgraph.app.cli;

import io.reelgraph.app.Workspace;
import io.reelgraph.engine.cache.CacheException;
import io.reelgraph.engine.money.H2Budget;

/** Opens the budget caps and spend ledger of a workspace for a command. */
final class Budgets {

    private Budgets() {
    }

    /** Opens the store, ending the command with {@link ExitCodes#INTERNAL} if the cache fails. */
    static H2Budget open(Workspace workspace) {
        try {
            return workspace.budget();
        } catch (CacheException | IllegalStateException e) {
            throw new CommandFailure(ExitCodes.INTERNAL, e.getMessage());
        }
    }
}
