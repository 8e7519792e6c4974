package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reelgraph.nodes.provider.elevenlabs.FakeElevenLabsServer;
import io.reelgraph.nodes.provider.fal.FakeFalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    "io.reelgraph.app.Main", "run", graph.toString(), "--yes", "--report",
                    report.toString())
                    .redirectErrorStream(true).redirectOutput(console.toFile());
            builder.environment().put("REELGRAPH_HOME", folder.resolve("home").toString());
            builder.environment().put("FAL_KEY", fal.key());
            builder.environment().put("ELEVENLABS_API_KEY", elevenLabs.key());
            builder.environment().put("REELGRAPH_FAL_BASE_URL", fal.baseUrl());
            builder.environment().put("REELGRAPH_ELEVENLABS_BASE_URL", elevenLabs.baseUrl());
            Process child = builder.start();
            assertThat(child.waitFor(280, TimeUnit.SECONDS)).isTrue();

            String output = Files.readString(console);
            assertThat(child.exitValue()).as(output).isZero();
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
