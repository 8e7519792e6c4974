package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reelgraph.nodes.provider.elevenlabs.FakeElevenLabsServer;
import io.reelgraph.nodes.provider.fal.FakeFalServer;
import io.reelgraph.nodes.vault.KdfParameters;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys are never part of a cache key, so rotating the key behind an alias keeps every cached
 * result: the sample, run once with vault keys against the fakes, runs again after a rotation
 * without a single paid call.
 */
class KeyRotationCacheTest {

    private static final String PASSPHRASE = "rotate me at midnight";
    private static final String NEW_FAL_KEY =
            "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f:1a2b3c4d5e6f7a8b9c0d1e2f";

    @TempDir
    Path folder;

    @Test
    @Timeout(value = 500, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void rotatedKeyKeepsCacheHits() throws Exception {
        Path graph = SampleGraph.copyInto(folder.resolve("project"));
        Path home = folder.resolve("home");
        Path vaultFile = home.resolve("keys.vault");
        Files.createDirectories(home);

        try (FakeFalServer fal = new FakeFalServer();
                FakeElevenLabsServer elevenLabs = new FakeElevenLabsServer()) {
            try (Vault vault = Vault.create(vaultFile, PASSPHRASE.toCharArray(),
                    new KdfParameters(1024, 1, 1))) {
                vault.add("fal", KeyAlias.of("studio-fal"), fal.key().toCharArray(),
                        Optional.empty());
                vault.add("elevenlabs", KeyAlias.of("studio-voices"),
                        elevenLabs.key().toCharArray(), Optional.empty());
            }
            JsonNode first = run(graph, home, fal, elevenLabs, "first.json");
            assertThat(fal.submits()).as("6 keyframes and 6 clips").isEqualTo(12);
            assertThat(elevenLabs.submits()).as("22 lines of dialogue").isEqualTo(22);
            assertThat(first.path("workItems").path("failed").asInt()).isZero();

            try (Vault vault = Vault.open(vaultFile, PASSPHRASE.toCharArray())) {
                vault.rotate(KeyAlias.of("studio-fal"), NEW_FAL_KEY.toCharArray());
                assertThat(vault.find(KeyAlias.of("studio-fal")).orElseThrow().rotated())
                        .isPresent();
            }
            JsonNode second = run(graph, home, fal, elevenLabs, "second.json");

            assertThat(fal.submits()).as("no fal call after the rotation").isEqualTo(12);
            assertThat(elevenLabs.submits()).isEqualTo(22);
            assertThat(second.path("workItems").path("failed").asInt()).isZero();
            assertThat(second.path("cost").path("projectedUsd").decimalValue()).isZero();
        }
    }

    private JsonNode run(Path graph, Path home, FakeFalServer fal,
            FakeElevenLabsServer elevenLabs, String reportName) throws Exception {
        Path report = folder.resolve(reportName);
        ChildReelgraph.runOk(Map.of("REELGRAPH_HOME", home.toString(),
                "REELGRAPH_PASSPHRASE", PASSPHRASE,
                "REELGRAPH_FAL_BASE_URL", fal.baseUrl(),
                "REELGRAPH_ELEVENLABS_BASE_URL", elevenLabs.baseUrl()),
                folder.resolve(reportName + ".txt"),
                "run", graph.toString(), "--yes", "--report", report.toString());
        return new JsonMapper().readTree(report.toFile());
    }
}
