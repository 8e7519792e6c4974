package io.reelgraph.app.cli;

import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.Projection;
import io.reelgraph.nodes.catalog.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a plan as a table for a terminal: one row per node with its work items, how many are
 * cached, computed now or still to run, the projected cost and why the items run.
 */
final class PlanTable {

    private static final int REASON_WIDTH = 60;

    private PlanTable() {
    }

    static String render(Plan plan) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NODE", "TYPE", "ITEMS", "CACHED", "RAN", "TO RUN", "PROJECTED",
            "REASON"});
        Projection projection = plan.projection();
        for (Map.Entry<NodeId, List<PlannedItem>> node : plan.byNode().entrySet()) {
            List<PlannedItem> items = node.getValue();
            boolean paid = items.stream().anyMatch(PlannedItem::paid);
            long toRun = count(items, ItemState.WILL_RUN) + count(items, ItemState.BLOCKED_ON_UPSTREAM);
            rows.add(new String[] {node.getKey().value(), items.get(0).nodeType(),
                String.valueOf(items.size()), String.valueOf(count(items, ItemState.CACHED)),
                String.valueOf(count(items, ItemState.EXECUTED)), String.valueOf(toRun),
                paid ? Money.format(projection.forNode(node.getKey())) : "free",
                reason(items)});
        }
        StringBuilder out = new StringBuilder();
        int[] widths = widths(rows);
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                boolean number = column >= 2 && column <= 6;
                String cell = row[column];
                if (column == row.length - 1) {
                    line.append(cell);
                } else if (number) {
                    line.append(" ".repeat(widths[column] - cell.length())).append(cell).append("  ");
                } else {
                    line.append(cell).append(" ".repeat(widths[column] - cell.length())).append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append('\n').append(totals(plan));
        return out.toString();
    }

    static String totals(Plan plan) {
        Projection projection = plan.projection();
        StringBuilder out = new StringBuilder();
        out.append("Projected cost: ").append(Money.format(projection.totalUsd()))
                .append(" (estimate) for ").append(projection.paidToRun())
                .append(projection.paidToRun() == 1 ? " paid item" : " paid items");
        if (projection.paidCached() > 0) {
            out.append("; the cache saves ").append(Money.format(projection.savedUsd()))
                    .append(" on ").append(projection.paidCached()).append(" cached");
        }
        out.append('\n');
        if (!projection.byProvider().isEmpty()) {
            List<String> parts = new ArrayList<>();
            projection.byProvider().forEach((provider, usd) ->
                    parts.add(provider + " " + Money.format(usd)));
            out.append("By provider: ").append(String.join(", ", parts)).append('\n');
        }
        if (plan.draft() || projection.byProvider().containsKey("draft")) {
            out.append("DRAFT: model nodes run on the free draft provider; results are "
                    + "placeholders marked as drafts.\n");
        }
        return out.toString();
    }

    private static long count(List<PlannedItem> items, ItemState state) {
        return items.stream().filter(item -> item.state() == state).count();
    }

    private static String reason(List<PlannedItem> items) {
        Set<String> reasons = new LinkedHashSet<>();
        for (PlannedItem item : items) {
            if (item.state() != ItemState.CACHED) {
                reasons.add(item.error().orElse(item.reason()));
            }
        }
        if (reasons.isEmpty()) {
            return "cached";
        }
        String first = reasons.iterator().next();
        if (first.length() > REASON_WIDTH) {
            first = first.substring(0, REASON_WIDTH - 1) + "…";
        }
        int others = reasons.size() - 1;
        return others == 0 ? first : first + " (+" + others + " other reason"
                + (others == 1 ? ")" : "s)");
    }

    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        return widths;
    }

    static BigDecimal total(Plan plan) {
        return plan.projection().totalUsd();
    }
}
