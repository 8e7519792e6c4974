package io.reelgraph.engine.money;

import java.math.BigDecimal;

/** A projection or a paid call that would break a budget cap. */
public final class BudgetExceededException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient CapStatus status;
    private final BigDecimal amountUsd;

    BudgetExceededException(String message, CapStatus status, BigDecimal amountUsd) {
        super(message);
        this.status = status;
        this.amountUsd = amountUsd;
    }

    /** Creates the refusal of a whole run whose projection does not fit under a cap. */
    static BudgetExceededException forProjection(CapStatus status, BigDecimal projectedUsd) {
        return new BudgetExceededException("Projected cost " + Usd.format(projectedUsd)
                + " is above " + numbers(status), status, projectedUsd);
    }

    /** Creates the refusal of one paid call whose reservation does not fit under a cap. */
    static BudgetExceededException forCall(CapStatus status, SpendRequest request) {
        return new BudgetExceededException("Budget cap reached: the call to " + request.provider()
                + "/" + request.model() + " is projected at " + Usd.format(request.projectedUsd())
                + ", above " + numbers(status) + "; the call was not sent", status,
                request.projectedUsd());
    }

    private static String numbers(CapStatus status) {
        return status.cap().describe() + " of " + Usd.format(status.cap().limitUsd()) + " ("
                + Usd.format(status.spentUsd()) + " spent, " + Usd.format(status.reservedUsd())
                + " reserved, " + Usd.format(status.leftUsd()) + " left)";
    }

    /** Returns the cap that would break, with what was counted against it. */
    public CapStatus status() {
        return status;
    }

    /** Returns the amount that did not fit. */
    public BigDecimal amountUsd() {
        return amountUsd;
    }
}
