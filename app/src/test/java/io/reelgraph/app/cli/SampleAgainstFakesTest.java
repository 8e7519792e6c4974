package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reelgraph.nodes.provider.elevenlabs.FakeElevenLabsServer;
import io.reelgraph.nodes.provider.fal.FakeFalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the bundled sample for real, not as a draft, against fake fal and ElevenLabs servers that
 * speak their providers' protocols: keyframes and clips on fal's queue, dialogue on ElevenLabs,
 * then the rough cut from the downloaded media.
 */
class SampleAgainstFakesTest {

    @TempDir
    Path folder;

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sampleRunsEndToEndAgainstFakes() throws Exception {
        Path graph = SampleGraph.copyInto(folder.resolve("project"));
        Path report = folder.resolve("report.json");
        Path console = folder.resolve("console.txt");

        try (FakeFalServer fal = new FakeFalServer();
                FakeElevenLabsServer elevenLabs = new FakeElevenLabsServer()) {
            ChildReelgraph.runOk(Map.of("REELGRAPH_HOME", folder.resolve("home").toString(),
                    "FAL_KEY", fal.key(), "ELEVENLABS_API_KEY", elevenLabs.key(),
                    "REELGRAPH_FAL_BASE_URL", fal.baseUrl(),
                    "REELGRAPH_ELEVENLABS_BASE_URL", elevenLabs.baseUrl()),
                    console, "run", graph.toString(), "--yes", "--report", report.toString());

            assertThat(fal.submits()).as("6 keyframes and 6 clips").isEqualTo(12);
            assertThat(elevenLabs.submits()).as("22 lines of dialogue").isEqualTo(22);

            JsonNode json = new JsonMapper().readTree(report.toFile());
            assertThat(json.path("draft").asBoolean()).isFalse();
            assertThat(json.path("workItems").path("failed").asInt()).isZero();
            assertThat(json.path("cost").path("projectedUsd").decimalValue()).isPositive();
            assertThat(json.path("cost").has("actualUsd")).isTrue();
            Path cut = graph.getParent().resolve("out/cut");
            assertThat(cut.resolve("paper-fish-rough-cut.fcpxml")).exists();
            assertThat(cut.resolve("paper-fish-rough-cut.edl")).exists();
            assertThat(Files.readString(cut.resolve("paper-fish-rough-cut.edl")))
                    .doesNotContain("DRAFT");
        }
    }
}
