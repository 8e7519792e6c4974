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
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
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

    @Test
    void typedPassphraseUnlocksVault() throws Exception {
        try (Workspace workspace = Workspace.standard(new PassphraseDialog())) {
            CompletableFuture<String> alias = CompletableFuture.supplyAsync(() ->
                    workspace.keys().find("openai").map(ProviderKey::alias).orElse("none"));

            DialogFixture dialog = WindowFinder.findDialog(
                    new org.assertj.swing.core.GenericTypeMatcher<javax.swing.JDialog>(
                            javax.swing.JDialog.class) {
                        @Override
                        protected boolean isMatching(javax.swing.JDialog candidate) {
                            return "Unlock key vault".equals(candidate.getTitle())
                                    && candidate.isShowing();
                        }
                    }).withTimeout(60, TimeUnit.SECONDS).using(robot);
            dialog.textBox("passphrase").enterText(PASSPHRASE);
            dialog.button(new org.assertj.swing.core.GenericTypeMatcher<javax.swing.JButton>(
                    javax.swing.JButton.class) {
                @Override
                protected boolean isMatching(javax.swing.JButton button) {
                    return "OK".equals(button.getText());
                }
            }).click();

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

            DialogFixture dialog = WindowFinder.findDialog(
                    new org.assertj.swing.core.GenericTypeMatcher<javax.swing.JDialog>(
                            javax.swing.JDialog.class) {
                        @Override
                        protected boolean isMatching(javax.swing.JDialog candidate) {
                            return "Unlock key vault".equals(candidate.getTitle())
                                    && candidate.isShowing();
                        }
                    }).withTimeout(60, TimeUnit.SECONDS).using(robot);
            dialog.button(new org.assertj.swing.core.GenericTypeMatcher<javax.swing.JButton>(
                    javax.swing.JButton.class) {
                @Override
                protected boolean isMatching(javax.swing.JButton button) {
                    return "Cancel".equals(button.getText());
                }
            }).click();

            String message = outcome.get(60, TimeUnit.SECONDS);
            assertThat(message).contains("the passphrase dialog was cancelled");
            assertThat(message).doesNotContain(KEY);
        }
    }
}
