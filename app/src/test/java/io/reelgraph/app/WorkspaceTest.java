package io.reelgraph.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.nodes.provider.keys.ProviderKey;
import io.reelgraph.nodes.vault.KdfParameters;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Workspace#keys()}: where a run reads the vault passphrase from. */
class WorkspaceTest {

    static final String PASSPHRASE = "night market 35mm";
    static final String OPENAI_KEY = "sk-proj-Zx81TqLw0pVnB4mE7rYc2dKa9sHf3a1B2";

    @TempDir
    Path home;
    Path vaultFile;

    /** A passphrase source with a set environment and lines typed in advance. */
    static final class TypedPassphrases implements Workspace.PassphraseSource {
        final Map<String, String> environment = new HashMap<>();
        final Deque<String> typed = new ArrayDeque<>();
        final boolean terminal;
        final List<String> prompts = new ArrayList<>();
        final List<char[]> handedOut = new ArrayList<>();

        TypedPassphrases(boolean terminal, String... lines) {
            this.terminal = terminal;
            typed.addAll(List.of(lines));
        }

        @Override
        public Optional<String> environment(String name) {
            return Optional.ofNullable(environment.get(name));
        }

        @Override
        public boolean hasTerminal() {
            return terminal;
        }

        @Override
        public char[] readHidden(String prompt) throws IOException {
            prompts.add(prompt);
            if (typed.isEmpty()) {
                throw new IOException("the terminal input was closed");
            }
            char[] line = typed.removeFirst().toCharArray();
            handedOut.add(line);
            return line;
        }
    }

    @BeforeEach
    void createVault() throws Exception {
        System.setProperty(Home.PROPERTY, home.toString());
        vaultFile = Home.vaultFile();
        try (Vault vault = Vault.create(vaultFile, PASSPHRASE.toCharArray(),
                new KdfParameters(1024, 1, 1))) {
            vault.add("openai", KeyAlias.of("main"), OPENAI_KEY.toCharArray(), Optional.empty());
        }
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    static String alias(Workspace workspace, String provider) {
        return workspace.keys().find(provider).map(ProviderKey::alias).orElse("none");
    }

    @Nested
    class PassphraseSources {

        @Test
        void variableUnlocksWithoutPrompt() {
            TypedPassphrases source = new TypedPassphrases(true);
            source.environment.put("REELGRAPH_PASSPHRASE", PASSPHRASE);

            try (Workspace workspace = Workspace.standard(source)) {
                assertThat(alias(workspace, "openai")).isEqualTo("main");
            }
            assertThat(source.prompts).isEmpty();
        }

        @Test
        void terminalPromptsOnceAndWipes() {
            TypedPassphrases source = new TypedPassphrases(true, PASSPHRASE);

            try (Workspace workspace = Workspace.standard(source)) {
                assertThat(alias(workspace, "openai")).isEqualTo("main");
                assertThat(alias(workspace, "openai")).isEqualTo("main");
            }

            assertThat(source.prompts)
                    .containsExactly("Vault passphrase for " + vaultFile + ": ");
            assertThat(source.handedOut).hasSize(1);
            assertThat(source.handedOut.get(0)).containsOnly('\0');
        }

        @Test
        void noTerminalNoVariableFails() {
            TypedPassphrases source = new TypedPassphrases(false);

            try (Workspace workspace = Workspace.standard(source)) {
                assertThatThrownBy(workspace::keys).isInstanceOf(IllegalStateException.class)
                        .hasMessage("The key vault " + vaultFile + " is locked: set"
                                + " REELGRAPH_PASSPHRASE to its passphrase, or run the command"
                                + " in a terminal to type it.");
            }
        }

        @Test
        void wrongTypedPassphraseFails() {
            TypedPassphrases source = new TypedPassphrases(true, "wrong horse battery");

            try (Workspace workspace = Workspace.standard(source)) {
                Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                        workspace::keys);

                assertThat(failure).isInstanceOf(IllegalStateException.class);
                assertThat(failure.getMessage()).startsWith("The key vault " + vaultFile
                        + " could not be opened: ");
                assertThat(failure.getMessage()).doesNotContain("wrong horse battery");
            }
            assertThat(source.handedOut.get(0)).containsOnly('\0');
        }

        @Test
        void missingVaultNeedsNoPassphrase() throws Exception {
            java.nio.file.Files.delete(vaultFile);
            TypedPassphrases source = new TypedPassphrases(false);

            try (Workspace workspace = Workspace.standard(source)) {
                assertThat(workspace.keys()).isNotNull();
            }
            assertThat(source.prompts).isEmpty();
        }
    }
}
