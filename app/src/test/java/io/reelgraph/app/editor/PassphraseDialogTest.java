package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.reelgraph.app.Home;
import io.reelgraph.app.Workspace;
import io.reelgraph.nodes.provider.keys.ProviderKey;
import io.reelgraph.nodes.vault.KdfParameters;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.Vault;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JDialog;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseDialogTest {

    private static final String PASSPHRASE = "paper fish at dawn";
    private static final String KEY = "sk-proj-Qm4TzL8wR2nVb6cX0yHa5dKe1jUf7s9P3";

    @TempDir
    Path home;
    private Robot robot;

    @BeforeEach
    void createVault() throws Exception {
        assumeThat(GraphicsEnvironment.isHeadless()).as("a display is needed").isFalse();
        assumeThat(System.getenv(Workspace.PASSPHRASE_VARIABLE))
                .as("the dialog is asked only when the variable is unset").isNull();
        System.setProperty(Home.PROPERTY, home.toString());
        try (Vault vault = Vault.create(Home.vaultFile(), PASSPHRASE.toCharArray(),
                new KdfParameters(1024, 1, 1))) {
            vault.add("openai", KeyAlias.of("studio"), KEY.toCharArray(), Optional.empty());
        }
        robot = BasicRobot.robotWithNewAwtHierarchy();
    }

    @AfterEach
    void cleanUp() {
        if (robot != null) {
            robot.cleanUp();
        }
        System.clearProperty(Home.PROPERTY);
    }

    private DialogFixture unlockDialog() {
        return WindowFinder.findDialog(new GenericTypeMatcher<JDialog>(JDialog.class) {
            @Override
            protected boolean isMatching(JDialog candidate) {
                return "Unlock key vault".equals(candidate.getTitle()) && candidate.isShowing();
            }
        }).withTimeout(60, TimeUnit.SECONDS).using(robot);
    }

    /** Presses a button on the event thread; robot clicks on modal dialogs can get lost. */
    private static void press(DialogFixture dialog, String text) {
        JButton button = dialog.button(new GenericTypeMatcher<JButton>(JButton.class) {
            @Override
            protected boolean isMatching(JButton candidate) {
                return text.equals(candidate.getText());
            }
        }).target();
        GuiActionRunner.execute(() -> button.doClick());
    }

    @Test
    void typedPassphraseUnlocksVault() throws Exception {
        try (Workspace workspace = Workspace.standard(new PassphraseDialog())) {
            CompletableFuture<String> alias = CompletableFuture.supplyAsync(() ->
                    workspace.keys().find("openai").map(ProviderKey::alias).orElse("none"));

            DialogFixture dialog = unlockDialog();
            javax.swing.text.JTextComponent field = dialog.textBox("passphrase").target();
            GuiActionRunner.execute(() -> field.setText(PASSPHRASE));
            press(dialog, "OK");

            assertThat(alias.get(60, TimeUnit.SECONDS)).isEqualTo("studio");
        }
    }

    @Test
    void cancelledDialogLeavesVaultLocked() throws Exception {
        try (Workspace workspace = Workspace.standard(new PassphraseDialog())) {
            CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    workspace.keys();
                    return "opened";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            });

            DialogFixture dialog = unlockDialog();
            press(dialog, "Cancel");

            String message = outcome.get(60, TimeUnit.SECONDS);
            assertThat(message).contains("the passphrase dialog was cancelled");
            assertThat(message).doesNotContain(KEY);
        }
    }
}
