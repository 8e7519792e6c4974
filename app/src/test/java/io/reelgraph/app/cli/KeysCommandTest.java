package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.app.Home;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.testing.GraphBuilder;
import io.reelgraph.engine.testing.TestContexts;
import io.reelgraph.engine.testing.TestTypes;
import io.reelgraph.nodes.vault.Binding;
import io.reelgraph.nodes.vault.KdfParameters;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.KeyInfo;
import io.reelgraph.nodes.vault.Vault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code reelgraph keys}: the vault commands, their exit codes, and that no key is shown. */
class KeysCommandTest {

    static final String PASSPHRASE = "night market 35mm";
    static final String OPENAI_KEY = "sk-proj-Zx81TqLw0pVnB4mE7rYc2dKa9sHf3a1B2";
    static final String NEW_OPENAI_KEY = "sk-proj-NewKey0000000000000000000wXyZ";
    static final String FAL_KEY = "0f8a3c9e-5b7d-4e21-9a6c-1d2e3f4a5b6c:8e1f2a3b4c5d6e7f8a9b0c1d";
    static final List<String> SECRETS = List.of(OPENAI_KEY, NEW_OPENAI_KEY, FAL_KEY, PASSPHRASE);

    @TempDir
    Path home;
    Path vaultFile;
    /** Every run of the test, so that each test can check that no output shows a secret. */
    final List<CliRun> runs = new ArrayList<>();

    @BeforeEach
    void pointAtHome() {
        System.setProperty(Home.PROPERTY, home.toString());
        vaultFile = home.resolve("keys.vault");
    }

    @AfterEach
    void noOutputShowsSecret() {
        System.clearProperty(Home.PROPERTY);
        for (CliRun run : runs) {
            for (String secret : SECRETS) {
                assertThat(run.stdout()).doesNotContain(secret);
                assertThat(run.stderr()).doesNotContain(secret);
            }
            assertThat(run.stderr()).doesNotContain("\tat ");
            assertThat(run.stderr()).doesNotContain("Exception");
        }
    }

    CliRun keys(KeysConsole console, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ReelgraphCommand.commandLine(console);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> arguments = new ArrayList<>(List.of("keys"));
        arguments.addAll(List.of(args));
        int code = cli.execute(arguments.toArray(String[]::new));
        CliRun run = new CliRun(code, out.toString(), err.toString());
        runs.add(run);
        return run;
    }

    /** A console with the passphrase in REELGRAPH_PASSPHRASE and the lines on standard input. */
    static ScriptedConsole piped(String... lines) {
        return ScriptedConsole.piped(lines).withEnvironment("REELGRAPH_PASSPHRASE", PASSPHRASE);
    }

    /** Creates the vault with cheap Argon2id parameters, so each command stays fast. */
    void createFastVault() throws Exception {
        Vault.create(vaultFile, PASSPHRASE.toCharArray(), new KdfParameters(1024, 1, 1)).close();
    }

    List<KeyInfo> storedKeys() throws Exception {
        try (Vault vault = Vault.open(vaultFile, PASSPHRASE.toCharArray())) {
            return vault.list();
        }
    }

    @Nested
    class Add {

        @Test
        void addCreatesVaultWithPipedKey() throws Exception {
            ScriptedConsole console = piped(OPENAI_KEY + "\r");

            CliRun run = keys(console, "add", "openai", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).isEqualTo("Created key vault " + vaultFile + "\n"
                    + "Added key alias main for openai (sk-proj-…a1B2)\n");
            List<KeyInfo> stored = storedKeys();
            assertThat(stored).extracting(KeyInfo::maskedSecret).containsExactly("sk-proj-…a1B2");
            try (Vault vault = Vault.open(vaultFile, PASSPHRASE.toCharArray());
                    var secret = vault.secretFor("openai", Optional.empty()).orElseThrow()) {
                assertThat(new String(secret.reveal())).isEqualTo(OPENAI_KEY);
            }
        }

        @Test
        void terminalAsksNewPassphraseTwice() throws Exception {
            ScriptedConsole console = ScriptedConsole.terminal(PASSPHRASE, PASSPHRASE, FAL_KEY);

            CliRun run = keys(console, "add", "fal", "studio", "--project", "night-market");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            assertThat(console.prompts).containsExactly("New vault passphrase: ",
                    "Repeat the passphrase: ", "API key for fal (input hidden): ");
            assertThat(run.stdout()).endsWith("Added key alias studio for fal (…0c1d), only for"
                    + " project night-market\n");
            assertThat(storedKeys()).extracting(KeyInfo::projectScope)
                    .containsExactly(Optional.of("night-market"));
        }

        @Test
        void inputArraysAreWiped() throws Exception {
            ScriptedConsole console = ScriptedConsole.terminal(PASSPHRASE, PASSPHRASE, FAL_KEY);

            keys(console, "add", "fal", "studio");

            assertThat(console.handedOut).hasSize(3);
            for (char[] handedOut : console.handedOut) {
                assertThat(handedOut).containsOnly('\0');
            }
        }

        @Test
        void differingPassphrasesCreateNothing() {
            ScriptedConsole console = ScriptedConsole.terminal(PASSPHRASE, "typo", FAL_KEY);

            CliRun run = keys(console, "add", "fal", "studio");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).isEqualTo("reelgraph: The two passphrases differ; no vault"
                    + " was created. Run the command again.\n");
            assertThat(vaultFile).doesNotExist();
        }

        @Test
        void unknownProviderIsUsageErrorListingKnownOnes() {
            CliRun run = keys(piped(OPENAI_KEY), "add", "openia", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.stderr()).isEqualTo("reelgraph: Unknown provider 'openia'; the"
                    + " providers that take a key are: openai, replicate, fal, stability,"
                    + " elevenlabs, runway, luma, google, bfl\n");
            assertThat(vaultFile).doesNotExist();
        }

        @Test
        void draftProviderTakesNoKey() {
            CliRun run = keys(piped(OPENAI_KEY), "add", "draft", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.stderr()).startsWith("reelgraph: Unknown provider 'draft'");
        }

        @Test
        void invalidAliasIsUsageError() {
            CliRun run = keys(piped(OPENAI_KEY), "add", "openai", "my key");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.stderr()).contains("Invalid key alias 'my key'");
        }

        @Test
        void duplicateAliasIsInvalidInput() throws Exception {
            createFastVault();
            keys(piped(OPENAI_KEY), "add", "openai", "main");

            CliRun run = keys(piped(NEW_OPENAI_KEY), "add", "openai", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).contains("The key alias main is already in");
        }

        @Test
        void emptyInputIsInvalidInput() throws Exception {
            createFastVault();

            CliRun run = keys(piped("   "), "add", "openai", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).isEqualTo("reelgraph: No key was given on standard input;"
                    + " paste the key, or pipe it in.\n");
        }

        @Test
        void missingPassphraseWithoutTerminalIsUsageError() {
            CliRun run = keys(ScriptedConsole.piped(OPENAI_KEY), "add", "openai", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.stderr()).isEqualTo("reelgraph: No vault passphrase: set"
                    + " REELGRAPH_PASSPHRASE or run the command in a terminal.\n");
        }
    }

    @Nested
    class ListKeys {

        @Test
        void listShowsMaskedKeysAndSources() throws Exception {
            createFastVault();
            keys(piped(OPENAI_KEY), "add", "openai", "main");
            keys(piped(), "bind", "night-market", "openai", "main");

            CliRun run = keys(piped().withEnvironment("FAL_KEY", FAL_KEY), "list");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).contains("Key vault " + vaultFile + ": 1 key\n");
            assertThat(run.stdout()).containsPattern("main +openai +sk-proj-…a1B2 +\\d{4}-\\d\\d-"
                    + "\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +- +- +any +\\$0\\.0000\n");
            assertThat(run.stdout()).containsPattern("night-market +openai +main\n");
            assertThat(run.stdout()).contains("  openai       vault alias main\n");
            assertThat(run.stdout()).contains("  fal          environment variable FAL_KEY\n");
            assertThat(run.stdout()).contains("  replicate    none (add a key, or set"
                    + " REPLICATE_API_TOKEN)\n");
            assertThat(run.stdout()).doesNotContain("draft");
        }

        @Test
        void listShowsSpendPerAlias() throws Exception {
            createFastVault();
            keys(piped(OPENAI_KEY), "add", "openai", "main");
            TestTypes types = new TestTypes();
            try (H2ResultCache cache = H2ResultCache.open(Home.cacheFolder())) {
                H2Budget budget = new H2Budget(cache.dataSource());
                // Three paid test calls, each settled at an actual $0.03, paid with "main".
                new Engine(types.registry(), cache, Optional.empty(), Optional.of(budget.guard(
                        "film", Optional.empty(), provider -> Optional.of("main"))))
                        .session(TestContexts.context(home.resolve("out"))).run(
                                GraphBuilder.graph("spend").node("src", "test.source", "items",
                                        "a,b,c").node("gen", "test.generate")
                                        .connect("src.items", "gen.prompt").build(),
                                RunOptions.DEFAULT, event -> { }, new RunControl());
            }

            CliRun run = keys(piped(), "list");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).containsPattern("main +openai +sk-proj-…a1B2 .* +any"
                    + " +\\$0\\.0900\n");
        }

        @Test
        void listWithoutVaultShowsEnvironmentSources() {
            CliRun run = keys(ScriptedConsole.piped().withEnvironment("OPENAI_API_KEY",
                    OPENAI_KEY), "list");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).startsWith("No key vault at " + vaultFile + " yet;");
            assertThat(run.stdout()).contains("  openai       environment variable"
                    + " OPENAI_API_KEY\n");
        }

        @Test
        void listForProjectUsesItsBinding() throws Exception {
            createFastVault();
            keys(piped(OPENAI_KEY), "add", "openai", "main");
            keys(piped(NEW_OPENAI_KEY), "add", "openai", "spare");
            keys(piped(), "bind", "night-market", "openai", "spare");

            CliRun forProject = keys(piped(), "list", "--project", "night-market");
            CliRun general = keys(piped(), "list");

            assertThat(forProject.stdout()).contains("  openai       vault alias spare\n");
            assertThat(general.stdout()).contains("  openai       none (add a key, or set"
                    + " OPENAI_API_KEY)\n");
        }

        @Test
        void wrongPassphraseIsInvalidInput() throws Exception {
            createFastVault();
            byte[] before = Files.readAllBytes(vaultFile);

            CliRun run = keys(ScriptedConsole.piped().withEnvironment("REELGRAPH_PASSPHRASE",
                    "wrong guess"), "list");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).isEqualTo("reelgraph: " + vaultFile + ": wrong passphrase;"
                    + " the vault was not changed. Enter the passphrase the vault was created"
                    + " with.\n");
            assertThat(Files.readAllBytes(vaultFile)).isEqualTo(before);
        }

        @Test
        void damagedVaultNeverShowsStackTrace() throws Exception {
            createFastVault();
            keys(piped(OPENAI_KEY), "add", "openai", "main");
            byte[] original = Files.readAllBytes(vaultFile);

            for (int position = 0; position < original.length; position++) {
                byte[] damaged = original.clone();
                damaged[position] ^= 0x20;
                Files.write(vaultFile, damaged);

                CliRun run = keys(piped(), "list");

                assertThat(run.exitCode()).as("byte %d: %s", position, run.describe())
                        .isIn(ExitCodes.INVALID_INPUT, ExitCodes.INTERNAL);
                assertThat(run.stdout()).as("byte %d", position).isEmpty();
                assertThat(run.stderr()).as("byte %d", position).startsWith("reelgraph: ");
            }
        }

        @Test
        void truncatedVaultIsReported() throws Exception {
            createFastVault();
            byte[] original = Files.readAllBytes(vaultFile);
            Files.write(vaultFile, java.util.Arrays.copyOf(original, 50));

            CliRun run = keys(piped(), "list");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INTERNAL);
            assertThat(run.stderr()).isEqualTo("reelgraph: " + vaultFile + ": the key vault is"
                    + " damaged (truncated to 50 bytes); it was not changed. Restore it from a"
                    + " backup, or move it away and add the keys again.\n");
        }
    }

    @Nested
    class Change {

        @Test
        void rotateKeepsBindings() throws Exception {
            createFastVault();
            keys(piped(OPENAI_KEY), "add", "openai", "main");
            keys(piped(), "bind", "night-market", "openai", "main");

            CliRun run = keys(piped(NEW_OPENAI_KEY), "rotate", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).isEqualTo("Rotated key alias main for openai (now"
                    + " sk-proj-…wXyZ)\n");
            try (Vault vault = Vault.open(vaultFile, PASSPHRASE.toCharArray())) {
                assertThat(vault.bindings())
                        .containsExactly(new Binding("night-market", "openai", KeyAlias.of("main")));
                assertThat(vault.list().get(0).rotated()).isPresent();
            }
        }

        @Test
        void removeReportsDroppedBindings() throws Exception {
            createFastVault();
            keys(piped(OPENAI_KEY), "add", "openai", "main");
            keys(piped(), "bind", "night-market", "openai", "main");

            CliRun run = keys(piped(), "remove", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).isEqualTo("Removed key alias main and 1 binding\n"
                    + "  project night-market no longer has a key bound for openai\n");
            assertThat(storedKeys()).isEmpty();
        }

        @Test
        void removeOfUnknownAliasIsInvalidInput() throws Exception {
            createFastVault();

            CliRun run = keys(piped(), "remove", "ghost");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).isEqualTo("reelgraph: The key alias ghost is not in "
                    + vaultFile + "; 'reelgraph keys list' shows the aliases\n");
        }

        @Test
        void bindPrintsTheBinding() throws Exception {
            createFastVault();
            keys(piped(FAL_KEY), "add", "fal", "studio");

            CliRun run = keys(piped(), "bind", "night-market", "fal", "studio");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).isEqualTo("Project night-market now uses key alias studio"
                    + " for fal\n");
        }

        @Test
        void bindToOtherProvidersKeyIsInvalidInput() throws Exception {
            createFastVault();
            keys(piped(FAL_KEY), "add", "fal", "studio");

            CliRun run = keys(piped(), "bind", "night-market", "openai", "studio");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).contains("is a key for provider fal, not openai");
        }

        @Test
        void bindWithUnknownProviderIsUsageError() throws Exception {
            createFastVault();

            CliRun run = keys(piped(), "bind", "night-market", "opneai", "studio");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.stderr()).startsWith("reelgraph: Unknown provider 'opneai'; the"
                    + " providers that take a key are: openai, ");
        }

        @Test
        void commandsWithoutVaultSayHowToCreateOne() {
            CliRun run = keys(piped(), "remove", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).isEqualTo("reelgraph: No key vault at " + vaultFile
                    + " yet; 'reelgraph keys add PROVIDER ALIAS' creates one.\n");
        }
    }

    @Test
    void helpListsKeysCommands() {
        CliRun run = keys(piped(), "--help");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
        assertThat(run.stdout()).contains("add", "list", "rotate", "remove", "bind",
                "REELGRAPH_PASSPHRASE");
    }
}
