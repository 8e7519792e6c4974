package io.reelgraph.app.editor.money;

import io.reelgraph.app.cli.SpendChart;
import io.reelgraph.app.cli.SpendTable;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.money.LedgerEntry;
import io.reelgraph.nodes.catalog.Money;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Frame;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;
import org.jfree.chart.ChartPanel;

/**
 * The spend panel: the chart of {@code reelgraph spend --chart} above a table of the spend ledger
 * by provider, model and UTC day, with projected and actual cost and what the cache saved.
 */
public final class SpendPanel extends JPanel {

    /** The group of one table row. */
    record Group(String provider, String model, LocalDate day) {
        static final Comparator<Group> ORDER = Comparator.comparing(Group::provider)
                .thenComparing(Group::model).thenComparing(Group::day);

        static Group of(LedgerEntry entry) {
            return new Group(entry.provider(), entry.model(),
                    entry.createdAt().atOffset(ZoneOffset.UTC).toLocalDate());
        }
    }

    private final H2Budget budget;
    private final String project;
    private final MoneyWorker worker = new MoneyWorker("spend-panel");
    private final DefaultTableModel rows = KeysDialog.readOnlyModel("Provider", "Model",
            "Day (UTC)", "Calls", "Projected", "Actual", "Open", "Cache hits", "Saved");
    private final JTable table = new JTable(rows);
    private final ChartPanel chart = new ChartPanel(SpendChart.chart(List.of()));
    private final JCheckBox onlyProject;
    private final JLabel status = new JLabel(" ");

    /** Creates the panel and starts reading the ledger. */
    public SpendPanel(H2Budget budget, String project) {
        super(new BorderLayout(0, 4));
        this.budget = budget;
        this.project = project;
        this.onlyProject = new JCheckBox("Only project " + project);
        layoutPanel();
        refresh();
    }

    /** Opens the spend panel in its own window. */
    public static JDialog openDialog(Frame owner, H2Budget budget, String project) {
        SpendPanel panel = new SpendPanel(budget, project);
        JDialog dialog = new JDialog(owner, "Spend", false) {
            @Override
            public void dispose() {
                panel.worker.close();
                super.dispose();
            }
        };
        dialog.setName("spend");
        dialog.getContentPane().add(panel);
        dialog.setSize(1000, 720);
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);
        return dialog;
    }

    private void layoutPanel() {
        setName("spend.panel");
        table.setName("spend.table");
        table.setAutoCreateRowSorter(true);
        chart.setName("spend.chart");
        status.setName("spend.status");
        onlyProject.setName("spend.onlyProject");
        onlyProject.addActionListener(event -> refresh());
        JButton reload = new JButton("Reload");
        reload.setName("spend.reload");
        reload.addActionListener(event -> refresh());
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 2));
        top.add(onlyProject);
        top.add(reload);
        top.add(status);
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, chart,
                new JScrollPane(table));
        split.setResizeWeight(0.6);
        add(top, BorderLayout.NORTH);
        add(split, BorderLayout.CENTER);
    }

    private void refresh() {
        Optional<String> filter = onlyProject.isSelected() ? Optional.of(project)
                : Optional.empty();
        status.setText("Reading the spend ledger…");
        worker.submit("read the spend ledger", () -> budget.entries(filter), this::show,
                failure -> status.setText("Failed to read the spend ledger: "
                        + failure.getMessage()));
    }

    private void show(List<LedgerEntry> entries) {
        chart.setChart(SpendChart.chart(entries));
        rows.setRowCount(0);
        for (Map.Entry<Group, SpendTable.Row> group : group(entries).entrySet()) {
            SpendTable.Row sums = group.getValue();
            rows.addRow(new Object[] {group.getKey().provider(), group.getKey().model(),
                group.getKey().day().toString(), sums.calls(), Money.format(sums.projectedUsd()),
                Money.format(sums.actualUsd()), Money.format(sums.openUsd()), sums.cacheHits(),
                Money.format(sums.savedUsd())});
        }
        SpendTable.Row total = SpendTable.Row.empty("total");
        for (LedgerEntry entry : entries) {
            total = total.plus(entry);
        }
        status.setText(entries.size() + (entries.size() == 1 ? " ledger row: " : " ledger rows: ")
                + Money.format(total.actualUsd())
                + " spent, " + Money.format(total.savedUsd()) + " saved by the cache"
                + " (projections are estimates).");
    }

    /** Sums the ledger rows by provider, model and UTC day, in that order. */
    static Map<Group, SpendTable.Row> group(List<LedgerEntry> entries) {
        Map<Group, SpendTable.Row> groups = new TreeMap<>(Group.ORDER);
        for (LedgerEntry entry : entries) {
            Group key = Group.of(entry);
            groups.put(key, groups.getOrDefault(key, SpendTable.Row.empty(key.toString()))
                    .plus(entry));
        }
        return groups;
    }

    /** Returns the table rows as shown, for tests. */
    List<List<String>> tableRows() {
        List<List<String>> shown = new ArrayList<>();
        for (int row = 0; row < rows.getRowCount(); row++) {
            List<String> cells = new ArrayList<>();
            for (int column = 0; column < rows.getColumnCount(); column++) {
                cells.add(String.valueOf(rows.getValueAt(row, column)));
            }
            shown.add(cells);
        }
        return shown;
    }

    String statusText() {
        return status.getText();
    }
}
