package io.reelgraph.nodes.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An estimated cost and the formula behind it.
 *
 * @param usd the amount at full precision; round only for display with {@link Money#format}
 * @param basis a readable formula such as {@code "5 s x $0.05/s"}
 */
public record PriceEstimate(BigDecimal usd, String basis) {

    public PriceEstimate {
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(basis, "basis");
    }

    /** Formats the estimate as {@code "$0.2500 (5 s x $0.05/s)"}. */
    @Override
    public String toString() {
        return Money.format(usd) + " (" + basis + ")";
    }
}
