package io.reelgraph.app.editor;

import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunEvent;
import io.reelgraph.nodes.catalog.Money;
import java.awt.BorderLayout;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.table.AbstractTableModel;

/**
 * The plan table (node, items, cached, to run, projected cost, reason), the status of each work
 * item during a run, and the run's progress.
 */
final class RunPanel extends JPanel {

    private final PlanModel model = new PlanModel();
    private final JTable table = new JTable(model);
    private final JProgressBar progress = new JProgressBar();
    private final JLabel summary = new JLabel(" ");
    private final WorkItemsModel items = new WorkItemsModel();
    private final JTable itemsTable = new JTable(items);
    private final JTabbedPane tabs = new JTabbedPane();

    RunPanel() {
        super(new BorderLayout(0, 4));
        setName("run");
        table.setName("run.table");
        table.setAutoCreateRowSorter(true);
        table.getColumnModel().getColumn(5).setPreferredWidth(380);
        progress.setName("run.progress");
        progress.setStringPainted(true);
        progress.setString("idle");
        summary.setName("run.summary");
        JPanel bottom = new JPanel(new BorderLayout(8, 0));
        bottom.setBorder(BorderFactory.createEmptyBorder(2, 6, 4, 6));
        bottom.add(progress, BorderLayout.WEST);
        bottom.add(summary, BorderLayout.CENTER);
        itemsTable.setName("run.items");
        itemsTable.setAutoCreateRowSorter(true);
        itemsTable.getColumnModel().getColumn(3).setPreferredWidth(380);
        tabs.setName("run.tabs");
        tabs.addTab("Plan", new JScrollPane(table));
        tabs.addTab("Work items", new JScrollPane(itemsTable));
        add(tabs, BorderLayout.CENTER);
        add(bottom, BorderLayout.SOUTH);
    }

    void showPlan(Plan plan) {
        model.rows = rows(plan);
        model.fireTableDataChanged();
    }

    void clearPlan() {
        model.rows = List.of();
        model.fireTableDataChanged();
    }

    /** Starts showing a run of {@code plan}: the work items tab lists each item's status. */
    void startRun(Plan plan) {
        items.start(plan.items());
        tabs.setSelectedIndex(1);
        startRun(plan.items().size());
    }

    /** Shows the status a run event reports for its work item. */
    void itemEvent(RunEvent event) {
        items.apply(event);
    }

    /** Returns the status the work items tab shows for an item, for tests. */
    String itemStatus(String node, String item) {
        return items.statusOf(node, item);
    }

    private void startRun(int workItems) {
        progress.setMaximum(Math.max(1, workItems));
        progress.setValue(0);
        progress.setString("0 / " + workItems);
        summary.setText("Running…");
    }

    void advance(int finished, int workItems) {
        progress.setValue(finished);
        progress.setString(finished + " / " + workItems);
    }

    void finishRun(String text) {
        progress.setString("done");
        progress.setValue(progress.getMaximum());
        summary.setText(text);
    }

    String summaryText() {
        return summary.getText();
    }

    private static List<Object[]> rows(Plan plan) {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<NodeId, List<PlannedItem>> node : plan.byNode().entrySet()) {
            List<PlannedItem> items = node.getValue();
            boolean paid = items.stream().anyMatch(PlannedItem::paid);
            long toRun = count(items, ItemState.WILL_RUN) + count(items, ItemState.BLOCKED_ON_UPSTREAM);
            rows.add(new Object[] {node.getKey().value(), items.size(),
                count(items, ItemState.CACHED), toRun,
                paid ? Money.format(plan.projection().forNode(node.getKey())) : "free",
                reason(items)});
        }
        return rows;
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
        return reasons.isEmpty() ? "cached" : String.join("; ", reasons);
    }

    /** Table model over the rows of one plan. */
    private static final class PlanModel extends AbstractTableModel {
        private static final String[] COLUMNS =
            {"Node", "Items", "Cached", "To run", "Projected", "Reason"};
        private List<Object[]> rows = List.of();

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
        public Class<?> getColumnClass(int column) {
            return column >= 1 && column <= 3 ? Long.class : String.class;
        }

        @Override
        public Object getValueAt(int row, int column) {
            Object value = rows.get(row)[column];
            return value instanceof Integer number ? Long.valueOf(number) : value;
        }
    }
}
