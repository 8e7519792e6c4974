package io.reelgraph.engine.money;

/** The budget caps or the spend ledger could not be read or written. */
public final class BudgetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BudgetException(String message, Throwable cause) {
        super(message, cause);
    }
}
