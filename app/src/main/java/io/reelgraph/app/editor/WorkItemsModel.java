package io.reelgraph.app.editor;

import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunEvent;
import io.reelgraph.nodes.catalog.Money;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.swing.table.AbstractTableModel;

/**
 * One row per work item of the run in progress: its node, item, projected cost and what it is
 * doing now (queued, waiting for a rate limit, running with the provider's progress, done,
 * cached, failed, skipped or cancelled). Run events update the rows on the event thread.
 */
final class WorkItemsModel extends AbstractTableModel {

    private static final String[] COLUMNS = {"Node", "Item", "Projected", "Status"};

    /** A row's mutable status; the other cells come from the plan. */
    private static final class Row {
        final String node;
        final String item;
        final String projected;
        String status;

        Row(String node, String item, String projected, String status) {
            this.node = node;
            this.item = item;
            this.projected = projected;
            this.status = status;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    /** Shows the items of the plan about to run, each in its planned state. */
    void start(List<PlannedItem> items) {
        rows.clear();
        index.clear();
        for (PlannedItem item : items) {
            String status = switch (item.state()) {
                case CACHED -> "cached";
                case WILL_RUN, BLOCKED_ON_UPSTREAM, EXECUTED -> "to run";
                default -> item.state().name().toLowerCase(java.util.Locale.ROOT);
            };
            index.put(key(item.node().value(), item.itemKey()), rows.size());
            rows.add(new Row(item.node().value(), item.itemKey(),
                    item.paid() ? Money.format(item.projectedUsd()) : "free", status));
        }
        fireTableDataChanged();
    }

    /** Updates the row of the item the event is about; events of unknown items are ignored. */
    void apply(RunEvent event) {
        String status;
        String node;
        String item;
        if (event instanceof RunEvent.Queued queued) {
            node = queued.node().value();
            item = queued.itemKey();
            status = "queued for " + queued.provider();
        } else if (event instanceof RunEvent.WaitingForRateLimit waiting) {
            node = waiting.node().value();
            item = waiting.itemKey();
            status = "waiting for rate limit (" + Math.max(1, waiting.millis() / 1000) + " s)";
        } else if (event instanceof RunEvent.Started started) {
            node = started.node().value();
            item = started.itemKey();
            status = started.paid() ? "sent" : "running";
        } else if (event instanceof RunEvent.Progress progress) {
            node = progress.node().value();
            item = progress.itemKey();
            status = Math.round(progress.fraction() * 100) + "% " + progress.status();
        } else if (event instanceof RunEvent.Done done) {
            node = done.node().value();
            item = done.itemKey();
            status = done.cached() ? "cached" : done.actualUsd()
                    .map(usd -> "done, actual " + Money.format(usd)).orElse("done");
        } else if (event instanceof RunEvent.Failed failed) {
            node = failed.node().value();
            item = failed.itemKey();
            status = "failed: " + failed.message();
        } else if (event instanceof RunEvent.Skipped skipped) {
            node = skipped.node().value();
            item = skipped.itemKey();
            status = "skipped: " + skipped.reason();
        } else if (event instanceof RunEvent.Cancelled cancelled) {
            node = cancelled.node().value();
            item = cancelled.itemKey();
            status = "cancelled";
        } else {
            return;
        }
        Integer row = index.get(key(node, item));
        if (row != null) {
            rows.get(row).status = status;
            fireTableRowsUpdated(row, row);
        }
    }

    /** Returns the status shown for an item, for tests. */
    String statusOf(String node, String item) {
        Integer row = index.get(key(node, item));
        return row == null ? "" : rows.get(row).status;
    }

    private static String key(String node, String item) {
        return node + '\u0000' + item;
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS[column];
    }

    @Override
    public Object getValueAt(int row, int column) {
        Row value = rows.get(row);
        return switch (column) {
            case 0 -> value.node;
            case 1 -> value.item;
            case 2 -> value.projected;
            default -> value.status;
        };
    }
}
