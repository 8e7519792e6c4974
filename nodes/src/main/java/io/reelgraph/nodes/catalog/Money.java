package io.reelgraph.nodes.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats US dollar amounts for display. Amounts keep full precision everywhere else; only the
 * text is rounded.
 */
public final class Money {

    private Money() {
    }

    /**
     * Formats an amount as {@code $0.0420} below one dollar (4 decimals, so sub-cent prices stay
     * visible) and as {@code $1.59} from one dollar up (2 decimals). Rounds half up.
     */
    public static String format(BigDecimal usd) {
        int scale = usd.abs().compareTo(BigDecimal.ONE) < 0 ? 4 : 2;
        BigDecimal shown = usd.setScale(scale, RoundingMode.HALF_UP);
        if (shown.signum() < 0) {
            return "-$" + shown.negate().toPlainString();
        }
        return "$" + shown.toPlainString();
    }

    /**
     * Formats a unit rate exactly, with at least 2 decimals: {@code $0.04}, {@code $0.008448},
     * {@code $15.00}. A rate is never rounded because it is the catalog's own figure.
     */
    public static String formatRate(BigDecimal usd) {
        BigDecimal stripped = usd.stripTrailingZeros();
        BigDecimal shown = stripped.scale() < 2 ? stripped.setScale(2) : stripped;
        return "$" + shown.toPlainString();
    }
}
