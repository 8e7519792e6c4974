package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.app.Home;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.elevenlabs.FakeElevenLabsServer;
import io.reelgraph.nodes.provider.fal.FakeFalServer;
import io.reelgraph.nodes.provider.openai.FakeOpenAiServer;
import io.reelgraph.nodes.provider.replicate.FakeReplicateServer;
import io.reelgraph.nodes.vault.KdfParameters;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.KeyInfo;
import io.reelgraph.nodes.vault.Vault;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code reelgraph keys test}: the check against the provider fakes, exit codes and no leaks. */
class KeysTestCommandTest {

    static final String PASSPHRASE = "night market 35mm";
    static final String WRONG_KEY = "sk-proj-WrongKey5555555555555555555zZzZ";

    interface FakeFactory {
        FakeProvider start() throws IOException;
    }

    @TempDir
    Path home;
    Path vaultFile;
    /** Every secret a test handed to the command, for the planted-key scan of all output. */
    final List<String> planted = new ArrayList<>(List.of(PASSPHRASE, WRONG_KEY));
    final List<CliRun> runs = new ArrayList<>();

    static Stream<Arguments> fakes() {
        return Stream.of(
                Arguments.of("openai", (FakeFactory) FakeOpenAiServer::new),
                Arguments.of("elevenlabs", (FakeFactory) FakeElevenLabsServer::new),
                Arguments.of("fal", (FakeFactory) FakeFalServer::new),
                Arguments.of("replicate", (FakeFactory) FakeReplicateServer::new));
    }

    @BeforeEach
    void pointAtHome() {
        System.setProperty(Home.PROPERTY, home.toString());
        vaultFile = home.resolve("keys.vault");
    }

    @AfterEach
    void noOutputShowsPlantedKey() {
        System.clearProperty(Home.PROPERTY);
        for (CliRun run : runs) {
            for (String secret : planted) {
                String middle = secret.substring(4, secret.length() - 4);
                assertThat(run.stdout()).doesNotContain(secret).doesNotContain(middle);
                assertThat(run.stderr()).doesNotContain(secret).doesNotContain(middle);
            }
            assertThat(run.stderr()).doesNotContain("\tat ");
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

    /** Stores a key in a vault with cheap Argon2id parameters, so each command stays fast. */
    void storeKey(String provider, String alias, String key) throws Exception {
        planted.add(key);
        Vault vault = java.nio.file.Files.exists(vaultFile)
                ? Vault.open(vaultFile, PASSPHRASE.toCharArray())
                : Vault.create(vaultFile, PASSPHRASE.toCharArray(), new KdfParameters(1024, 1, 1));
        try (vault) {
            vault.add(provider, KeyAlias.of(alias), key.toCharArray(), Optional.empty());
        }
    }

    Optional<KeyInfo> stored(String alias) throws Exception {
        try (Vault vault = Vault.open(vaultFile, PASSPHRASE.toCharArray())) {
            return vault.find(KeyAlias.of(alias));
        }
    }

    static ScriptedConsole console(String provider, FakeProvider fake) {
        return ScriptedConsole.piped()
                .withEnvironment("REELGRAPH_PASSPHRASE", PASSPHRASE)
                .withEnvironment("REELGRAPH_" + provider.toUpperCase() + "_BASE_URL",
                        fake.baseUrl());
    }

    @Nested
    class VaultKeys {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.reelgraph.app.cli.KeysTestCommandTest#fakes")
        void acceptedKeyExitsZero(String provider, FakeFactory factory) throws Exception {
            try (FakeProvider fake = factory.start()) {
                storeKey(provider, "main", fake.key());

                CliRun run = keys(console(provider, fake), "test", "main");

                assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
                assertThat(run.stdout()).isEqualTo("Provider " + provider
                        + " accepted the key main\n");
                assertThat(run.stderr()).isEmpty();
                assertThat(stored("main").orElseThrow().lastUsed()).isPresent();
                assertThat(fake.submits()).isZero();
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.reelgraph.app.cli.KeysTestCommandTest#fakes")
        void rejectedKeyExitsThree(String provider, FakeFactory factory) throws Exception {
            try (FakeProvider fake = factory.start()) {
                storeKey(provider, "old-key", WRONG_KEY);

                CliRun run = keys(console(provider, fake), "test", "old-key");

                assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
                assertThat(run.stdout()).isEmpty();
                assertThat(run.stderr()).isEqualTo("reelgraph: Provider " + provider
                        + " rejected the key old-key (HTTP 401); check that the key is current"
                        + " in the provider's dashboard and rotate it\n");
                assertThat(stored("old-key").orElseThrow().lastUsed()).isEmpty();
                assertThat(fake.submits()).isZero();
            }
        }

        @Test
        void unknownAliasExitsThree() throws Exception {
            storeKey("openai", "main", WRONG_KEY);

            CliRun run = keys(ScriptedConsole.piped()
                    .withEnvironment("REELGRAPH_PASSPHRASE", PASSPHRASE), "test", "missing");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).isEqualTo("reelgraph: The key alias missing is not in "
                    + vaultFile + "; 'reelgraph keys list' shows the aliases\n");
        }

        @Test
        void closedPortExitsOne() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = socket.getLocalPort();
            }
            storeKey("openai", "main", WRONG_KEY);
            ScriptedConsole console = ScriptedConsole.piped()
                    .withEnvironment("REELGRAPH_PASSPHRASE", PASSPHRASE)
                    .withEnvironment("REELGRAPH_OPENAI_BASE_URL", "http://127.0.0.1:" + port + "/v1");

            CliRun run = keys(console, "test", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.RUN_FAILED);
            assertThat(run.stderr()).startsWith("reelgraph: Provider openai could not be reached"
                    + " at http://127.0.0.1:" + port + "/v1 to check the key main: ");
            assertThat(stored("main").orElseThrow().lastUsed()).isEmpty();
        }
    }

    @Nested
    class EnvironmentKeys {

        @Test
        void environmentVariableIsChecked() throws Exception {
            try (FakeProvider fake = new FakeFalServer()) {
                planted.add(fake.key());
                ScriptedConsole console = console("fal", fake).withEnvironment("FAL_KEY",
                        fake.key());

                CliRun run = keys(console, "test", "FAL_KEY");

                assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
                assertThat(run.stdout()).isEqualTo("Provider fal accepted the key FAL_KEY\n");
            }
        }

        @Test
        void noVaultAndNoVariableExitsThree() {
            CliRun run = keys(ScriptedConsole.piped(), "test", "main");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).isEqualTo("reelgraph: Key alias main not found: there is no"
                    + " key vault at " + vaultFile + " and no environment variable of that name"
                    + " is set. 'reelgraph keys list' shows the key sources.\n");
        }
    }
}
