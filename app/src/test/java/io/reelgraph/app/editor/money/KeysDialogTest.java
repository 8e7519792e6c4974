package io.reelgraph.app.editor.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import io.reelgraph.app.Home;
import io.reelgraph.app.Workspace;
import io.reelgraph.nodes.provider.elevenlabs.FakeElevenLabsServer;
import io.reelgraph.nodes.provider.keys.Secret;
import io.reelgraph.nodes.vault.Vault;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.event.ActionEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPasswordField;
import javax.swing.JTable;
import javax.swing.TransferHandler;
import javax.swing.text.JTextComponent;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysDialogTest {

    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String SECOND_KEY = "sk_fedcba9876543210fedcba9876543210fedcba98765432";

    @TempDir
    Path temp;

    private FakeElevenLabsServer elevenLabs;
    private Workspace workspace;
    private Robot robot;
    private DialogFixture dialog;
    private KeysDialog keys;

    @BeforeEach
    void openDialog() throws Exception {
        Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(),
                "no display: run the editor tests under xvfb-run");
        System.setProperty(Home.PROPERTY, temp.resolve("home").toString());
        elevenLabs = new FakeElevenLabsServer();
        workspace = Workspace.standard(Map.of(
                "REELGRAPH_ELEVENLABS_BASE_URL", elevenLabs.baseUrl()));
        robot = BasicRobot.robotWithNewAwtHierarchy();
    }

    @AfterEach
    void closeDialog() {
        if (dialog != null) {
            dialog.cleanUp();
        }
        if (robot != null) {
            robot.cleanUp();
        }
        if (workspace != null) {
            workspace.close();
        }
        if (elevenLabs != null) {
            elevenLabs.close();
        }
        System.clearProperty(Home.PROPERTY);
    }

    private void show() {
        keys = execute(() -> KeysDialog.open(null, workspace, Home.vaultFile(), "film"));
        dialog = new DialogFixture(robot, keys);
    }

    private void createVaultWithKey(String key) {
        show();
        dialog.textBox("keys.passphrase").enterText(PASSPHRASE);
        dialog.button("keys.unlock").click();
        awaitStatus("Created the key vault ");
        dialog.comboBox("keys.provider").selectItem("elevenlabs");
        dialog.textBox("keys.alias").enterText("el-main");
        dialog.textBox("keys.secret").enterText(key);
        dialog.button("keys.add").click();
        awaitStatus("Added key alias el-main");
    }

    /**
     * Clicks a button of the option pane until the pane closes, because on a loaded machine
     * the robot's click can land before the dialog takes input.
     */
    private void clickUntilClosed(String button) {
        dialog.optionPane().buttonWithText(button).click();
        for (int attempt = 0; attempt < 3 && optionPaneShowing(); attempt++) {
            robot.waitForIdle();
            if (optionPaneShowing()) {
                dialog.optionPane().buttonWithText(button).click();
            }
        }
    }

    private boolean optionPaneShowing() {
        return !robot.finder().findAll(new GenericTypeMatcher<>(JOptionPane.class) {
            @Override
            protected boolean isMatching(JOptionPane pane) {
                return pane.isShowing();
            }
        }).isEmpty();
    }

    private void awaitStatus(String prefix) {
        waitFor("status starting with " + prefix, () -> dialog.label("keys.status").text()
                .startsWith(prefix));
    }

    private static void waitFor(String description, Supplier<Boolean> condition) {
        Pause.pause(new Condition(description) {
            @Override
            public boolean test() {
                return execute(condition::get);
            }
        }, Timeout.timeout(60_000));
    }

    @Nested
    class Masking {

        @Test
        void dialogNeverShowsFullKey() {
            String key = elevenLabs.key();

            createVaultWithKey(key);
            dialog.table("keys.table").selectRows(0);
            dialog.button("keys.test").click();
            awaitStatus("Provider elevenlabs accepted the key el-main");

            List<String> texts = execute(() -> allTexts(keys));
            assertThat(texts).isNotEmpty();
            assertThat(texts).noneMatch(text -> text.contains(key));
            // The middle of the key, which no masked form keeps, appears nowhere either.
            assertThat(texts).noneMatch(text -> text.contains(key.substring(8, 40)));
            assertThat(texts).contains(Secret.mask(key.toCharArray()));
            assertThat(execute(() -> keys.getTitle())).doesNotContain(key);
        }

        @Test
        void copyPutsNoFullKeyOnClipboard() throws Exception {
            String key = elevenLabs.key();
            createVaultWithKey(key);
            Clipboard clipboard = Toolkit.getDefaultToolkit().getSystemClipboard();
            execute(() -> clipboard.setContents(new StringSelection("before"), null));

            dialog.textBox("keys.secret").enterText(key);
            JPasswordField secretField = (JPasswordField) dialog.textBox("keys.secret").target();
            execute(() -> {
                secretField.selectAll();
                secretField.copy();
            });
            String afterField = clipboardText(clipboard);
            dialog.table("keys.table").selectRows(0);
            JTable table = dialog.table("keys.table").target();
            execute(() -> TransferHandler.getCopyAction().actionPerformed(
                    new ActionEvent(table, ActionEvent.ACTION_PERFORMED, "copy")));
            String afterTable = clipboardText(clipboard);

            assertThat(afterField).isEqualTo("before");
            assertThat(afterTable).contains(Secret.mask(key.toCharArray()));
            assertThat(afterTable).doesNotContain(key);
        }

        private String clipboardText(Clipboard clipboard) {
            return execute(() -> (String) clipboard.getData(DataFlavor.stringFlavor));
        }

        @Test
        void secretFieldIsClearedAfterAdd() {
            createVaultWithKey(elevenLabs.key());

            assertThat(execute(() -> dialog.textBox("keys.secret").target().getText())).isEmpty();
            assertThat(execute(() -> dialog.textBox("keys.passphrase").target().getText()))
                    .isEmpty();
        }
    }

    @Nested
    class Entries {

        @Test
        void addedKeyIsListedMaskedWithSource() {
            createVaultWithKey(elevenLabs.key());

            List<List<String>> rows = execute(keys::keyRows);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).subList(0, 3)).containsExactly("el-main", "elevenlabs",
                    Secret.mask(elevenLabs.key().toCharArray()));
            assertThat(rows.get(0).get(4)).isEqualTo("-");
            assertThat(rows.get(0).get(6)).isEqualTo("any");
            assertThat(rows.get(0).get(7)).isEqualTo("$0.0000");
            assertThat(sourceOf("elevenlabs")).isEqualTo("vault alias el-main");
        }

        @Test
        void rotateReplacesMaskedKey() {
            createVaultWithKey(elevenLabs.key());

            dialog.table("keys.table").selectRows(0);
            dialog.textBox("keys.secret").enterText(SECOND_KEY);
            dialog.button("keys.rotate").click();
            awaitStatus("Rotated key alias el-main");

            List<String> row = execute(keys::keyRows).get(0);
            assertThat(row.get(2)).isEqualTo(Secret.mask(SECOND_KEY.toCharArray()));
            assertThat(row.get(4)).isNotEqualTo("-");
        }

        @Test
        void removeAsksThenRemoves() {
            createVaultWithKey(elevenLabs.key());

            dialog.table("keys.table").selectRows(0);
            dialog.button("keys.remove").click();
            dialog.optionPane().requireWarningMessage();
            clickUntilClosed("OK");
            awaitStatus("Removed key alias el-main and 0 bindings.");

            assertThat(execute(keys::keyRows)).isEmpty();
            assertThat(sourceOf("elevenlabs"))
                    .isEqualTo("none (add a key, or set ELEVENLABS_API_KEY)");
        }

        @Test
        void testReportsRejectedKey() {
            createVaultWithKey(SECOND_KEY);

            dialog.table("keys.table").selectRows(0);
            dialog.button("keys.test").click();
            awaitStatus("Provider elevenlabs rejected the key el-main");
        }
    }

    @Nested
    class Unlocking {

        @Test
        void wrongPassphraseIsReported() throws Exception {
            Vault.create(Home.vaultFile(), PASSPHRASE.toCharArray()).close();
            show();

            dialog.textBox("keys.passphrase").enterText("not the passphrase");
            dialog.button("keys.unlock").click();

            waitFor("the unlock to fail", () -> dialog.label("keys.status").text()
                    .contains("passphrase"));
            assertThat(dialog.label("keys.status").text()).doesNotStartWith("Unlocked");
            dialog.button("keys.add").requireDisabled();
            dialog.button("keys.unlock").requireEnabled();
        }

        @Test
        void environmentPassphraseUnlocksAtOnce() throws Exception {
            Vault.create(Home.vaultFile(), PASSPHRASE.toCharArray()).close();
            workspace.close();
            workspace = Workspace.standard(Map.of("REELGRAPH_PASSPHRASE", PASSPHRASE));
            show();

            awaitStatus("Unlocked the key vault ");
            dialog.button("keys.add").requireEnabled();
        }
    }

    private String sourceOf(String provider) {
        JTable table = dialog.table("keys.sources").target();
        return execute(() -> {
            for (int row = 0; row < table.getRowCount(); row++) {
                if (provider.equals(table.getValueAt(row, 0))) {
                    return (String) table.getValueAt(row, 1);
                }
            }
            throw new AssertionError("no source row for " + provider);
        });
    }

    /** Collects every text, tooltip, cell, column name and list item in a component tree. */
    private static List<String> allTexts(Component root) {
        List<String> texts = new ArrayList<>();
        collect(root, texts);
        return texts;
    }

    private static void collect(Component component, List<String> texts) {
        if (component instanceof JComponent swing && swing.getToolTipText() != null) {
            texts.add(swing.getToolTipText());
        }
        if (component instanceof JLabel label && label.getText() != null) {
            texts.add(label.getText());
        }
        if (component instanceof AbstractButton button && button.getText() != null) {
            texts.add(button.getText());
        }
        if (component instanceof JPasswordField field) {
            texts.add(new String(field.getPassword()));
        } else if (component instanceof JTextComponent field) {
            texts.add(field.getText());
        }
        if (component instanceof JComboBox<?> box) {
            for (int i = 0; i < box.getItemCount(); i++) {
                texts.add(String.valueOf(box.getItemAt(i)));
            }
        }
        if (component instanceof JTable table) {
            for (int column = 0; column < table.getColumnCount(); column++) {
                texts.add(table.getColumnName(column));
                for (int row = 0; row < table.getRowCount(); row++) {
                    texts.add(String.valueOf(table.getValueAt(row, column)));
                }
            }
        }
        if (component instanceof Container container) {
            for (Component child : container.getComponents()) {
                collect(child, texts);
            }
        }
    }
}
