package io.reelgraph.engine.money;

import java.math.BigDecimal;

/** Formats US dollar amounts exactly, with at least two decimals: {@code $0.40}, {@code $0.045}. */
final class Usd {

    private Usd() {
    }

    static String format(BigDecimal usd) {
        BigDecimal stripped = usd.stripTrailingZeros();
        BigDecimal shown = stripped.scale() < 2 ? stripped.setScale(2) : stripped;
        return (shown.signum() < 0 ? "-$" + shown.negate().toPlainString()
                : "$" + shown.toPlainString());
    }
}
