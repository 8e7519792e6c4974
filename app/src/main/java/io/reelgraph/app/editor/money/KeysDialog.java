package io.reelgraph.app.editor.money;

import io.reelgraph.app.Workspace;
import io.reelgraph.app.cli.SpendGrouping;
import io.reelgraph.app.cli.SpendTable;
import io.reelgraph.nodes.catalog.Money;
import io.reelgraph.nodes.catalog.ProviderSpec;
import io.reelgraph.nodes.provider.keys.KeyCheck;
import io.reelgraph.nodes.provider.keys.KeyCheckResult;
import io.reelgraph.nodes.provider.keys.ProviderKey;
import io.reelgraph.nodes.provider.keys.Secret;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.KeyInfo;
import io.reelgraph.nodes.vault.Vault;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Frame;
import java.awt.GridLayout;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.table.DefaultTableModel;

/**
 * The keys dialog: unlocks the key vault that {@code reelgraph keys} manages, lists its keys in
 * masked form with their times and spend, shows the key source each provider would use, and
 * adds, rotates, removes and tests keys. A full key is never shown: the table contains
 * {@link KeyInfo#maskedSecret()}, and secret fields are cleared as soon as they are read.
 */
public final class KeysDialog extends JDialog {

    static final String PASSPHRASE_VARIABLE = "REELGRAPH_PASSPHRASE";

    private final Workspace workspace;
    private final Path vaultFile;
    private final String project;
    private final List<ProviderSpec> providers;
    private final MoneyWorker worker = new MoneyWorker("keys-dialog");
    private final JPasswordField passphrase = new JPasswordField(18);
    private final JButton unlock = new JButton();
    private final JLabel status = new JLabel(" ");
    private final DefaultTableModel keys = readOnlyModel("Alias", "Provider", "Key", "Created",
            "Rotated", "Last used", "Project", "Spend");
    private final JTable keyTable = new JTable(keys);
    private final DefaultTableModel sources = readOnlyModel("Provider", "Active source");
    private final JComboBox<String> provider = new JComboBox<>();
    private final JTextField alias = new JTextField(16);
    private final JPasswordField secret = new JPasswordField(24);
    private final JButton add = new JButton("Add");
    private final JButton rotate = new JButton("Rotate");
    private final JButton remove = new JButton("Remove…");
    private final JButton test = new JButton("Test");
    /** The unlocked vault; used and replaced on the worker thread only. */
    private volatile Vault vault;

    private KeysDialog(Frame owner, Workspace workspace, Path vaultFile, String project) {
        super(owner, "Keys", false);
        this.workspace = workspace;
        this.vaultFile = vaultFile;
        this.project = project;
        this.providers = workspace.catalog().providers().stream()
                .filter(ProviderSpec::needsKey).toList();
        layoutDialog();
        setLocked(true);
        showSources(Map.of());
    }

    /**
     * Opens the dialog on a vault file for a project. When {@code REELGRAPH_PASSPHRASE} is set
     * in the workspace's environment, the vault is unlocked with it at once.
     */
    public static KeysDialog open(Frame owner, Workspace workspace, Path vaultFile,
            String project) {
        KeysDialog dialog = new KeysDialog(owner, workspace, vaultFile, project);
        dialog.setVisible(true);
        String fromEnvironment = workspace.environment().get(PASSPHRASE_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank() && Files.exists(vaultFile)) {
            // NOTE: an environment variable is a String, so this copy of the passphrase stays in
            // memory until the process ends.
            dialog.unlockWith(fromEnvironment.toCharArray());
        }
        return dialog;
    }

    private void layoutDialog() {
        setName("keys");
        passphrase.setName("keys.passphrase");
        unlock.setName("keys.unlock");
        status.setName("keys.status");
        keyTable.setName("keys.table");
        keyTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        JTable sourceTable = new JTable(sources);
        sourceTable.setName("keys.sources");
        provider.setName("keys.provider");
        providers.forEach(spec -> provider.addItem(spec.id()));
        alias.setName("keys.alias");
        secret.setName("keys.secret");
        add.setName("keys.add");
        rotate.setName("keys.rotate");
        remove.setName("keys.remove");
        test.setName("keys.test");

        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 4));
        top.add(new JLabel("Vault " + vaultFile + "  passphrase:"));
        top.add(passphrase);
        top.add(unlock);
        unlock.addActionListener(event -> unlockClicked());
        passphrase.addActionListener(event -> unlockClicked());

        JSplitPane tables = new JSplitPane(JSplitPane.VERTICAL_SPLIT,
                new JScrollPane(keyTable), new JScrollPane(sourceTable));
        tables.setResizeWeight(0.65);

        JPanel form = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 4));
        form.add(new JLabel("Provider"));
        form.add(provider);
        form.add(new JLabel("Alias"));
        form.add(alias);
        form.add(new JLabel("Key"));
        form.add(secret);
        form.add(add);
        form.add(rotate);
        JPanel rowActions = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 4));
        rowActions.add(new JLabel("Selected key:"));
        rowActions.add(remove);
        rowActions.add(test);
        add.addActionListener(event -> addClicked());
        rotate.addActionListener(event -> rotateClicked());
        remove.addActionListener(event -> removeClicked());
        test.addActionListener(event -> testClicked());

        JPanel bottom = new JPanel(new GridLayout(3, 1));
        bottom.add(form);
        bottom.add(rowActions);
        status.setBorder(BorderFactory.createEmptyBorder(2, 8, 4, 8));
        bottom.add(status);

        getContentPane().add(top, BorderLayout.NORTH);
        getContentPane().add(tables, BorderLayout.CENTER);
        getContentPane().add(bottom, BorderLayout.SOUTH);
        for (int column = 3; column <= 5; column++) {
            keyTable.getColumnModel().getColumn(column).setPreferredWidth(170);
        }
        setSize(1200, 560);
        setLocationRelativeTo(getOwner());
    }

    @Override
    public void dispose() {
        worker.submit("close the key vault", () -> {
            if (vault != null) {
                vault.close();
                vault = null;
            }
            return null;
        }, ignored -> { }, failure -> { });
        worker.close();
        super.dispose();
    }

    // ---- handlers

    private void unlockClicked() {
        char[] typed = passphrase.getPassword();
        passphrase.setText("");
        if (typed.length == 0) {
            say("Enter the vault passphrase first.");
            return;
        }
        unlockWith(typed);
    }

    /** Opens the vault, or creates it when the file does not exist; wipes {@code typed}. */
    private void unlockWith(char[] typed) {
        boolean create = !Files.exists(vaultFile);
        say(create ? "Creating the key vault…" : "Unlocking the key vault…");
        worker.submit("unlock the key vault " + vaultFile, () -> {
            // Vault.open and Vault.create wipe the passphrase array, also on failure.
            vault = create ? Vault.create(vaultFile, typed) : Vault.open(vaultFile, typed);
            return readState();
        }, state -> {
            setLocked(false);
            showState(state);
            say((create ? "Created the key vault " : "Unlocked the key vault ") + vaultFile
                    + ".");
        }, this::failed);
    }

    private void addClicked() {
        Optional<KeyAlias> keyAlias = typedAlias(alias.getText());
        char[] typed = secret.getPassword();
        secret.setText("");
        String providerId = (String) provider.getSelectedItem();
        if (keyAlias.isEmpty() || providerId == null) {
            java.util.Arrays.fill(typed, '\0');
            return;
        }
        worker.submit("add key alias " + keyAlias.get(), () -> {
            // Vault.add wipes the secret array, also on failure.
            KeyInfo added = vault.add(providerId, keyAlias.get(), typed, Optional.empty());
            return new Changed(readState(), "Added key alias " + added.alias() + " for "
                    + added.provider() + " (" + added.maskedSecret() + ").");
        }, this::changed, this::failed);
        alias.setText("");
    }

    private void rotateClicked() {
        Optional<KeyAlias> selected = selectedAlias();
        char[] typed = secret.getPassword();
        secret.setText("");
        if (selected.isEmpty()) {
            java.util.Arrays.fill(typed, '\0');
            say("Select the key to rotate in the table, paste its new key, then press Rotate.");
            return;
        }
        worker.submit("rotate key alias " + selected.get(), () -> {
            KeyInfo rotated = vault.rotate(selected.get(), typed);
            return new Changed(readState(), "Rotated key alias " + rotated.alias() + " (now "
                    + rotated.maskedSecret() + ").");
        }, this::changed, this::failed);
    }

    private void removeClicked() {
        Optional<KeyAlias> selected = selectedAlias();
        if (selected.isEmpty()) {
            say("Select the key to remove in the table first.");
            return;
        }
        int answer = JOptionPane.showConfirmDialog(this, "Remove key alias " + selected.get()
                + " and every project binding to it? A run that needs it will then use the"
                + " environment variable, if set.", "Remove key", JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE);
        if (answer != JOptionPane.OK_OPTION) {
            say("Kept key alias " + selected.get() + ".");
            return;
        }
        worker.submit("remove key alias " + selected.get(), () -> {
            int bindings = vault.remove(selected.get()).size();
            return new Changed(readState(), "Removed key alias " + selected.get() + " and "
                    + bindings + (bindings == 1 ? " binding." : " bindings."));
        }, this::changed, this::failed);
    }

    private void testClicked() {
        Optional<KeyAlias> selected = selectedAlias();
        if (selected.isEmpty()) {
            say("Select the key to test in the table first.");
            return;
        }
        String providerId = (String) keys.getValueAt(keyTable.getSelectedRow(), 1);
        Optional<KeyCheck> check = providers.stream()
                .filter(spec -> spec.id().equals(providerId)).findFirst()
                .flatMap(spec -> KeyCheck.forProvider(spec, workspace.environment()));
        if (check.isEmpty()) {
            say("This build has no key check for provider " + providerId + ".");
            return;
        }
        say("Testing key alias " + selected.get() + " with " + providerId + "…");
        worker.submit("test key alias " + selected.get(), () -> {
            KeyCheckResult result;
            try (Secret held = vault.secret(selected.get())) {
                result = check.get().check(new ProviderKey(selected.get().name(),
                        "vault alias " + selected.get().name(), held));
            }
            vault.recordUse(selected.get());
            return new Changed(readState(), result.message());
        }, this::changed, this::failed);
    }

    // ---- state

    /** The rows of both tables, read on the worker thread. */
    private record State(List<KeyInfo> entries, Map<String, String> sourceByProvider,
            Map<String, BigDecimal> spendByAlias, Optional<String> spendFailure) {
    }

    /** A change to the vault: the state after it and what to tell the user. */
    private record Changed(State state, String message) {
    }

    private State readState() throws Exception {
        List<KeyInfo> entries = vault.list();
        Map<String, String> sourceByProvider = new HashMap<>();
        for (ProviderSpec spec : providers) {
            Optional<KeyAlias> bound = vault.aliasFor(spec.id(), Optional.of(project));
            sourceByProvider.put(spec.id(), source(spec, bound));
        }
        Map<String, BigDecimal> spend = new HashMap<>();
        Optional<String> spendFailure = Optional.empty();
        try {
            for (SpendTable.Row row : SpendTable.group(
                    workspace.budget().entries(Optional.empty()), SpendGrouping.alias)) {
                spend.put(row.group(), row.actualUsd());
            }
        } catch (RuntimeException e) {
            spendFailure = Optional.of("Spend is unknown: " + e.getMessage());
        }
        return new State(entries, sourceByProvider, spend, spendFailure);
    }

    private String source(ProviderSpec spec, Optional<KeyAlias> bound) {
        if (bound.isPresent()) {
            return "vault alias " + bound.get();
        }
        String variable = spec.keyEnvironmentVariable();
        String value = workspace.environment().get(variable);
        if (value != null && !value.isBlank()) {
            return "environment variable " + variable;
        }
        return "none (add a key, or set " + variable + ")";
    }

    private void showState(State state) {
        keys.setRowCount(0);
        for (KeyInfo entry : state.entries()) {
            BigDecimal spent = state.spendByAlias().getOrDefault(entry.alias().name(),
                    BigDecimal.ZERO);
            keys.addRow(new Object[] {entry.alias().name(), entry.provider(),
                entry.maskedSecret(), time(Optional.of(entry.created())), time(entry.rotated()),
                time(entry.lastUsed()), entry.projectScope().orElse("any"),
                state.spendFailure().isPresent() ? "unknown" : Money.format(spent)});
        }
        showSources(state.sourceByProvider());
    }

    private void showSources(Map<String, String> sourceByProvider) {
        sources.setRowCount(0);
        for (ProviderSpec spec : providers) {
            sources.addRow(new Object[] {spec.id(), sourceByProvider.getOrDefault(spec.id(),
                    "unknown until the vault is unlocked")});
        }
    }

    private void changed(Changed change) {
        showState(change.state());
        say(change.message());
    }

    private void failed(Exception failure) {
        say(failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage());
        if (vault == null) {
            setLocked(true);
        }
    }

    private void setLocked(boolean locked) {
        passphrase.setEnabled(locked);
        unlock.setEnabled(locked);
        unlock.setText(Files.exists(vaultFile) ? "Unlock" : "Create Vault");
        for (JButton button : List.of(add, rotate, remove, test)) {
            button.setEnabled(!locked);
        }
        if (locked) {
            say(Files.exists(vaultFile) ? "Enter the passphrase to unlock the key vault."
                    : "No key vault yet: choose a passphrase and press Create Vault.");
        }
    }

    private Optional<KeyAlias> typedAlias(String text) {
        try {
            return Optional.of(KeyAlias.of(text.strip()));
        } catch (IllegalArgumentException e) {
            say(e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<KeyAlias> selectedAlias() {
        int row = keyTable.getSelectedRow();
        if (row < 0) {
            return Optional.empty();
        }
        return Optional.of(KeyAlias.of((String) keys.getValueAt(row, 0)));
    }

    private void say(String message) {
        status.setText(message);
        status.setToolTipText(message);
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(value -> value.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
    }

    static DefaultTableModel readOnlyModel(String... columns) {
        return new DefaultTableModel(columns, 0) {
            @Override
            public boolean isCellEditable(int row, int column) {
                return false;
            }
        };
    }

    /** Returns the rows of the keys table as shown, for tests. */
    List<List<String>> keyRows() {
        List<List<String>> rows = new ArrayList<>();
        for (int row = 0; row < keys.getRowCount(); row++) {
            List<String> cells = new ArrayList<>();
            for (int column = 0; column < keys.getColumnCount(); column++) {
                cells.add(String.valueOf(keys.getValueAt(row, column)));
            }
            rows.add(cells);
        }
        return rows;
    }
}
