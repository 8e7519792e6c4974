package io.reelgraph.app.editor.money;

import io.reelgraph.engine.money.BudgetCap;
import io.reelgraph.engine.money.CapScope;
import io.reelgraph.engine.money.CapStatus;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.nodes.catalog.Money;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Frame;
import java.awt.GridLayout;
import java.math.BigDecimal;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.table.DefaultTableModel;

/**
 * The budget dialog: lists the caps that {@code reelgraph budget} stores, with what is spent,
 * reserved and left in each cap's period, and sets or removes caps in the same store.
 */
public final class BudgetDialog extends JDialog {

    /** The cap kinds in the order of the scope list, with their labels. */
    enum Kind {
        RUN(CapScope.RUN, "per run"),
        PROJECT_TOTAL(CapScope.PROJECT_TOTAL, "project total"),
        PROJECT_MONTH(CapScope.PROJECT_MONTH, "project per month"),
        PROVIDER_MONTH(CapScope.PROVIDER_MONTH, "provider per month");

        final CapScope scope;
        final String label;

        Kind(CapScope scope, String label) {
            this.scope = scope;
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final H2Budget budget;
    private final String project;
    private final MoneyWorker worker = new MoneyWorker("budget-dialog");
    private final DefaultTableModel caps = KeysDialog.readOnlyModel("Cap", "Limit", "Spent",
            "Reserved", "Left");
    private final JTable capTable = new JTable(caps);
    private final JComboBox<Kind> kind = new JComboBox<>(Kind.values());
    private final JTextField subject = new JTextField(16);
    private final JTextField amount = new JTextField(8);
    private final JButton set = new JButton("Set Cap");
    private final JButton remove = new JButton("Remove Cap");
    private final JLabel status = new JLabel(" ");
    private List<CapStatus> shown = List.of();

    private BudgetDialog(Frame owner, H2Budget budget, String project, List<String> providers) {
        super(owner, "Budget Caps", false);
        this.budget = budget;
        this.project = project;
        layoutDialog(providers);
        refresh("Budget caps in US dollars; monthly caps count calendar months in UTC.");
    }

    /** Opens the dialog on the budget store, with {@code project} as the default subject. */
    public static BudgetDialog open(Frame owner, H2Budget budget, String project,
            List<String> providers) {
        BudgetDialog dialog = new BudgetDialog(owner, budget, project, providers);
        dialog.setVisible(true);
        return dialog;
    }

    private void layoutDialog(List<String> providers) {
        setName("budget");
        capTable.setName("budget.table");
        capTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        kind.setName("budget.scope");
        subject.setName("budget.subject");
        subject.setToolTipText("The project name, or the provider id such as "
                + String.join(", ", providers));
        amount.setName("budget.amount");
        amount.setToolTipText("US dollars, more than 0, at most two decimals, such as 25.50");
        set.setName("budget.set");
        remove.setName("budget.remove");
        status.setName("budget.status");
        kind.addActionListener(event -> kindChanged());
        set.addActionListener(event -> setClicked());
        remove.addActionListener(event -> removeClicked());
        amount.addActionListener(event -> setClicked());

        JPanel form = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 4));
        form.add(new JLabel("Cap"));
        form.add(kind);
        form.add(new JLabel("for"));
        form.add(subject);
        form.add(new JLabel("US$"));
        form.add(amount);
        form.add(set);
        JPanel rowActions = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 4));
        rowActions.add(new JLabel("Selected cap:"));
        rowActions.add(remove);
        JPanel bottom = new JPanel(new GridLayout(3, 1));
        bottom.add(form);
        bottom.add(rowActions);
        status.setBorder(BorderFactory.createEmptyBorder(2, 8, 4, 8));
        bottom.add(status);
        getContentPane().add(new JScrollPane(capTable), BorderLayout.CENTER);
        getContentPane().add(bottom, BorderLayout.SOUTH);
        capTable.getColumnModel().getColumn(0).setPreferredWidth(360);
        kindChanged();
        setSize(900, 400);
        setLocationRelativeTo(getOwner());
    }

    @Override
    public void dispose() {
        worker.close();
        super.dispose();
    }

    /**
     * Parses a cap amount: a plain decimal number of US dollars, more than zero, with at most
     * two decimals.
     *
     * @throws IllegalArgumentException naming the value and the rule it breaks
     */
    static BigDecimal parseAmount(String text) {
        String trimmed = text.strip();
        BigDecimal value;
        try {
            value = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The amount '" + trimmed + "' is not a number;"
                    + " enter US dollars such as 25 or 25.50");
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("The amount " + trimmed + " must be more than"
                    + " $0; remove the cap instead to lift it");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("The amount " + trimmed + " has more than two"
                    + " decimals; enter whole cents such as 25.50");
        }
        return value.setScale(2);
    }

    private void kindChanged() {
        Kind selected = (Kind) kind.getSelectedItem();
        subject.setEnabled(selected != Kind.RUN);
        if (selected == Kind.RUN) {
            subject.setText("");
        } else if (selected != Kind.PROVIDER_MONTH && subject.getText().isBlank()) {
            subject.setText(project);
        }
    }

    private void setClicked() {
        Kind selected = (Kind) kind.getSelectedItem();
        String name = selected == Kind.RUN ? "" : subject.getText().strip();
        BudgetCap cap;
        try {
            if (selected != Kind.RUN && name.isEmpty()) {
                throw new IllegalArgumentException("Enter the " + (selected == Kind.PROVIDER_MONTH
                        ? "provider id" : "project name") + " the cap is for");
            }
            cap = new BudgetCap(selected.scope, name, parseAmount(amount.getText()));
        } catch (IllegalArgumentException e) {
            say(e.getMessage());
            return;
        }
        worker.submit("store " + cap.describe(), () -> {
            budget.setCap(cap);
            return budget.statuses();
        }, statuses -> {
            show(statuses);
            amount.setText("");
            say("Set " + cap.describe() + " to " + Money.format(cap.limitUsd()) + ".");
        }, failure -> say(failure.getMessage()));
    }

    private void removeClicked() {
        int row = capTable.getSelectedRow();
        if (row < 0) {
            say("Select the cap to remove in the table first.");
            return;
        }
        BudgetCap cap = shown.get(capTable.convertRowIndexToModel(row)).cap();
        worker.submit("remove " + cap.describe(), () -> {
            budget.removeCap(cap.scope(), cap.subject());
            return budget.statuses();
        }, statuses -> {
            show(statuses);
            say("Removed " + cap.describe() + ".");
        }, failure -> say(failure.getMessage()));
    }

    private void refresh(String message) {
        worker.submit("read the budget caps", budget::statuses, statuses -> {
            show(statuses);
            say(statuses.isEmpty() ? "No budget caps are set; add one below." : message);
        }, failure -> say(failure.getMessage()));
    }

    private void show(List<CapStatus> statuses) {
        shown = statuses;
        caps.setRowCount(0);
        for (CapStatus status : statuses) {
            boolean run = status.cap().scope() == CapScope.RUN;
            caps.addRow(new Object[] {status.cap().describe(),
                Money.format(status.cap().limitUsd()),
                run ? "-" : Money.format(status.spentUsd()),
                run ? "-" : Money.format(status.reservedUsd()),
                run ? "-" : Money.format(status.leftUsd())});
        }
    }

    private void say(String message) {
        status.setText(message);
        status.setToolTipText(message);
    }
}
