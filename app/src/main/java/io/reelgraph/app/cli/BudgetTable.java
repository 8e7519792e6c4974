package io.reelgraph.app.cli;

import io.reelgraph.engine.money.CapScope;
import io.reelgraph.engine.money.CapStatus;
import io.reelgraph.engine.money.LedgerEntry;
import io.reelgraph.engine.money.ReconciledReservation;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Renders budget caps and open reservations as text tables for {@code budget show}. */
final class BudgetTable {

    private static final String ROW = "%-36s %10s %10s %10s %10s%n";
    private static final String OPEN_ROW = "%6s  %-20s  %-8s  %-20s  %-10s  %-20s %10s%n";

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

    /**
     * Renders the RESERVED and PENDING ledger rows: calls in flight, or of unknown outcome, whose
     * projected cost still counts against the caps.
     */
    static String renderOpen(List<LedgerEntry> open) {
        StringBuilder out = new StringBuilder();
        out.append("Open reservations (counted against the caps until settled):\n");
        out.append(String.format(OPEN_ROW, "id", "created (UTC)", "status", "project",
                "provider", "node", "projected"));
        for (LedgerEntry entry : open) {
            out.append(String.format(OPEN_ROW, entry.id(),
                    entry.createdAt().truncatedTo(ChronoUnit.SECONDS), entry.status(),
                    entry.project(), entry.provider(), entry.nodeId(),
                    usd(entry.projectedUsd())));
        }
        return out.toString();
    }

    /** Renders what reconciliation did, one reason per line. */
    static String renderReconciled(List<ReconciledReservation> reconciled) {
        StringBuilder out = new StringBuilder();
        out.append("Reconciled ").append(reconciled.size()).append(reconciled.size() == 1
                ? " reservation" : " reservations").append(" of processes that are gone:\n");
        for (ReconciledReservation result : reconciled) {
            out.append("  ").append(result.outcome()).append(": ").append(result.reason())
                    .append('\n');
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
