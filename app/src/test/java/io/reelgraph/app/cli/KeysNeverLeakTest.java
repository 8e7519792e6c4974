package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.nodes.provider.elevenlabs.FakeElevenLabsServer;
import io.reelgraph.nodes.provider.fal.FakeFalServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command line in a child process with real-looking keys against fake fal and
 * ElevenLabs servers, then scans everything the run wrote (the home folder with its database,
 * blobs and log, the outputs, the report and the terminal output) for the keys.
 */
class KeysNeverLeakTest {

    private static final String SCRIPT = """
            INT. KITCHEN - NIGHT

            Steam on the window.

            ANNA
            It needs salt.

            EXT. GARDEN - DAY

            Bees over the beans.

            TOM
            Come and look.
            """;

    private static final String GRAPH = """
            {
              "format": "reelgraph", "version": 1, "name": "leak check",
              "nodes": [
                { "id": "script", "type": "script.fountain", "typeVersion": 2,
                  "params": { "file": "s.fountain" } },
                { "id": "prompt", "type": "prompt.template", "typeVersion": 1, "params": {} },
                { "id": "keyframe", "type": "model.image", "typeVersion": 1,
                  "params": { "model": "fal/fal-ai/flux/dev", "width": 512, "height": 512 } },
                { "id": "voices", "type": "model.speech", "typeVersion": 1,
                  "params": { "model": "elevenlabs/eleven_multilingual_v2", "voice": "Rachel" } }
              ],
              "connections": [
                { "from": { "node": "script", "port": "scenes" },
                  "to": { "node": "prompt", "port": "scene" } },
                { "from": { "node": "prompt", "port": "prompt" },
                  "to": { "node": "keyframe", "port": "prompt" } },
                { "from": { "node": "script", "port": "dialogue" },
                  "to": { "node": "voices", "port": "line" } }
              ]
            }
            """;

    @TempDir
    Path folder;

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void runWritesNoKeyAnywhere() throws Exception {
        Path project = Files.createDirectories(folder.resolve("project"));
        Files.writeString(project.resolve("s.fountain"), SCRIPT);
        Files.writeString(project.resolve("leak.reelgraph"), GRAPH);
        Path home = folder.resolve("home");
        Path report = folder.resolve("report.json");
        Path console = folder.resolve("console.txt");

        try (FakeFalServer fal = new FakeFalServer();
                FakeElevenLabsServer elevenLabs = new FakeElevenLabsServer()) {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    "io.reelgraph.app.Main", "run", project.resolve("leak.reelgraph").toString(),
                    "--yes", "--report", report.toString())
                    .redirectErrorStream(true).redirectOutput(console.toFile());
            builder.environment().put("REELGRAPH_HOME", home.toString());
            builder.environment().put("FAL_KEY", fal.key());
            builder.environment().put("ELEVENLABS_API_KEY", elevenLabs.key());
            builder.environment().put("REELGRAPH_FAL_BASE_URL", fal.baseUrl());
            builder.environment().put("REELGRAPH_ELEVENLABS_BASE_URL", elevenLabs.baseUrl());
            Process child = builder.start();
            assertThat(child.waitFor(150, TimeUnit.SECONDS)).isTrue();

            String output = Files.readString(console);
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(fal.submits()).as("fal was called").isEqualTo(2);
            assertThat(elevenLabs.submits()).as("ElevenLabs was called").isEqualTo(2);

            List<Path> written = new ArrayList<>(files(home));
            written.addAll(files(project.resolve("out")));
            written.add(report);
            written.add(console);
            assertThat(written).anyMatch(path -> path.toString().endsWith("reelgraph.log"));
            assertThat(written).anyMatch(path -> path.toString().endsWith("cache.mv.db"));
            for (String key : List.of(fal.key(), elevenLabs.key())) {
                byte[] needle = key.getBytes(StandardCharsets.UTF_8);
                for (Path file : written) {
                    assertThat(contains(Files.readAllBytes(file), needle))
                            .as("key found in " + file).isFalse();
                }
            }
        }
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
