package io.reelgraph.engine.money;

import java.math.BigDecimal;

/**
 * A budget cap with what is already counted against it in its period.
 *
 * @param spentUsd the actual cost of settled calls
 * @param reservedUsd the projected cost of calls that are reserved or whose outcome is unknown
 */
public record CapStatus(BudgetCap cap, BigDecimal spentUsd, BigDecimal reservedUsd) {

    /** Returns what may still be reserved under the cap; never negative. */
    public BigDecimal leftUsd() {
        BigDecimal left = cap.limitUsd().subtract(spentUsd).subtract(reservedUsd);
        return left.signum() < 0 ? BigDecimal.ZERO : left;
    }

    /** Returns whether reserving this amount as well would break the cap. */
    public boolean exceededBy(BigDecimal amountUsd) {
        return spentUsd.add(reservedUsd).add(amountUsd).compareTo(cap.limitUsd()) > 0;
    }
}
