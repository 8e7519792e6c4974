package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelgraph.app.Home;
import io.reelgraph.nodes.vault.KdfParameters;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.Vault;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} with a key vault but no way to read its passphrase stops before sending. */
class KeysLockedRunTest {

    static final String PASSPHRASE = "night market 35mm";
    static final String FAL_KEY = "0f8a3c9e-5b7d-4e21-9a6c-1d2e3f4a5b6c:8e1f2a3b4c5d6e7f8a9b0c1d";

    @TempDir
    Path home;

    @TempDir
    Path folder;

    @BeforeEach
    void pointAtHome() {
        System.setProperty(Home.PROPERTY, home.toString());
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    @Test
    void lockedVaultStopsRunBeforeSending() throws Exception {
        assumeTrue(System.console() == null, "the test JVM has a terminal to ask on");
        assumeTrue(System.getenv("REELGRAPH_PASSPHRASE") == null,
                "REELGRAPH_PASSPHRASE is set in this environment");
        try (Vault vault = Vault.create(Home.vaultFile(), PASSPHRASE.toCharArray(),
                new KdfParameters(1024, 1, 1))) {
            vault.add("fal", KeyAlias.of("studio"), FAL_KEY.toCharArray(), Optional.empty());
        }
        Path graph = SampleGraph.copyInto(folder);

        CliRun run = CliRun.execute("run", graph.toString(), "--yes");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.stderr()).contains("The key vault " + Home.vaultFile() + " is locked:"
                + " set REELGRAPH_PASSPHRASE to its passphrase, or run the command in a terminal"
                + " to type it. Nothing was sent.");
        assertThat(run.stdout() + run.stderr()).doesNotContain(FAL_KEY)
                .doesNotContain(PASSPHRASE);
        assertThat(folder.resolve("out")).doesNotExist();
    }
}
