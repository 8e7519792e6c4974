package io.reelgraph.app.cli;

import io.reelgraph.engine.money.CapScope;
import io.reelgraph.engine.money.CapStatus;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/** Renders budget caps as a text table for {@code budget show}. */
final class BudgetTable {

    private static final String ROW = "%-36s %10s %10s %10s %10s%n";

    private BudgetTable() {
    }

    static String render(List<CapStatus> statuses, YearMonth month) {
        StringBuilder out = new StringBuilder();
        out.append("Budget caps in US dollars; monthly caps count ").append(month)
                .append(" (UTC).\n");
        out.append(String.format(ROW, "cap", "limit", "spent", "reserved", "left"));
        for (CapStatus status : statuses) {
            if (status.cap().scope() == CapScope.RUN) {
                out.append(String.format(ROW, "run (each run)", usd(status.cap().limitUsd()),
                        "-", "-", "-"));
            } else {
                out.append(String.format(ROW, name(status), usd(status.cap().limitUsd()),
                        usd(status.spentUsd()), usd(status.reservedUsd()),
                        usd(status.leftUsd())));
            }
        }
        return out.toString();
    }

    private static String name(CapStatus status) {
        String subject = status.cap().subject();
        return switch (status.cap().scope()) {
            case RUN -> "run (each run)";
            case PROJECT_TOTAL -> "project " + subject + " total";
            case PROJECT_MONTH -> "project " + subject + " monthly";
            case PROVIDER_MONTH -> "provider " + subject + " monthly";
        };
    }

    /** Formats an amount exactly, with at least two decimals and no currency sign. */
    static String usd(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }
}
