package io.reelgraph.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.app.Home;
import io.reelgraph.app.cli.CliRun;
import io.reelgraph.app.cli.ExitCodes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads, validates, estimates and draft-runs every sample graph, and checks on a copy of the
 * night-market sample that edits re-run only what they change.
 *
 * <p>Both groups share one home folder. The edit group runs first and performs the one full
 * draft run (46 s once on a loaded 2-core machine), so the draft runs of the samples that follow
 * are cached.
 * The edit group needs that full run in its own copy: the engine keeps a work item's history,
 * which the reasons in a plan are built from, per graph file path.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class SampleGraphsTest {

    private static final JsonMapper JSON = new JsonMapper();

    @TempDir
    static Path home;

    @BeforeEach
    void pointAtHome() {
        System.setProperty(Home.PROPERTY, home.toString());
    }

    @AfterAll
    static void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    /** Returns every graph file one folder below the samples module folder. */
    static List<Path> sampleGraphs() throws IOException {
        Path samples = Path.of("").toAbsolutePath();
        try (Stream<Path> files = Files.find(samples, 2, (file, attributes) ->
                attributes.isRegularFile() && file.getFileName().toString().endsWith(".reelgraph")
                        && !samples.relativize(file).startsWith("target"))) {
            return files.sorted().toList();
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<Path> filesEndingWith(JsonNode report, String suffix) {
        List<Path> found = new ArrayList<>();
        for (JsonNode output : report.path("outputs")) {
            if (output.asText().endsWith(suffix)) {
                found.add(Path.of(output.asText()));
            }
        }
        return found;
    }

    @Nested
    @Order(1)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class NightMarketEdits {

        Path folder;
        Path graph;
        Path screenplay;
        String originalGraph;
        String originalScreenplay;

        @BeforeAll
        void copyAndRunOnce() throws IOException {
            System.setProperty(Home.PROPERTY, home.toString());
            folder = Files.createDirectories(home.resolve("night-market-copy"));
            Path source = Path.of("night-market").toAbsolutePath();
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = folder.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else if (!source.relativize(file).startsWith("out")) {
                        Files.copy(file, copy);
                    }
                }
            }
            graph = folder.resolve("night-market.reelgraph");
            screenplay = folder.resolve("night-market.fountain");
            originalGraph = Files.readString(graph);
            originalScreenplay = Files.readString(screenplay);

            CliRun baseline = CliRun.execute("run", graph.toString(), "--draft", "--yes");
            assertThat(baseline.exitCode()).as(baseline.describe()).isEqualTo(ExitCodes.OK);
        }

        @BeforeEach
        void restoreCopy() throws IOException {
            Files.writeString(graph, originalGraph);
            Files.writeString(screenplay, originalScreenplay);
        }

        private JsonNode estimate(String... extra) {
            List<String> args = new ArrayList<>(List.of("estimate", "--json", graph.toString()));
            args.addAll(List.of(extra));
            CliRun estimate = CliRun.execute(args.toArray(String[]::new));
            assertThat(estimate.exitCode()).as(estimate.describe()).isEqualTo(ExitCodes.OK);
            return estimate.json();
        }

        private void editGraph(java.util.function.Consumer<ObjectNode> edit) throws IOException {
            ObjectNode json = (ObjectNode) JSON.readTree(originalGraph);
            edit.accept(json);
            Files.writeString(graph, JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json));
        }

        private ObjectNode node(ObjectNode json, String id) {
            for (JsonNode node : json.withArray("nodes")) {
                if (node.path("id").asText().equals(id)) {
                    return (ObjectNode) node;
                }
            }
            throw new IllegalArgumentException("The sample has no node " + id);
        }

        /** Returns the cache key of every work item that has one, keyed {@code node/item}. */
        private Map<String, String> cacheKeys(JsonNode plan) {
            Map<String, String> keys = new TreeMap<>();
            for (JsonNode node : plan.path("nodes")) {
                for (JsonNode item : node.path("items")) {
                    if (item.has("cacheKey")) {
                        keys.put(node.path("id").asText() + "/" + item.path("key").asText(),
                                item.path("cacheKey").asText());
                    }
                }
            }
            return keys;
        }

        private Map<String, String> states(JsonNode report, String nodeId) {
            Map<String, String> states = new TreeMap<>();
            for (JsonNode node : report.path("nodes")) {
                if (node.path("id").asText().equals(nodeId)) {
                    for (JsonNode item : node.path("items")) {
                        states.put(item.path("key").asText(), item.path("state").asText());
                    }
                }
            }
            return states;
        }

        @Test
        void editedSceneAloneRunsAgain() throws IOException {
            // Scene 3's first action line, rewritten on the same single line.
            String before = "A tin shed at the edge of the lot, lit by one caged bulb.";
            assertThat(originalScreenplay).contains(before);
            Files.writeString(screenplay, originalScreenplay.replace(before,
                    "A brick pump house behind the lot, lit by a flickering strip light."));
            Path reportFile = folder.resolve("edited.json");

            CliRun run = CliRun.execute("run", graph.toString(), "--draft", "--yes", "--report",
                    reportFile.toString());

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            JsonNode report = readJson(reportFile);
            Map<String, String> expected = new TreeMap<>();
            for (int scene = 1; scene <= 6; scene++) {
                expected.put("scene-" + scene, scene == 3 ? "EXECUTED" : "CACHED");
            }
            assertThat(states(report, "shot-prompt")).isEqualTo(expected);
            assertThat(states(report, "keyframe")).isEqualTo(expected);
            assertThat(states(report, "shot")).isEqualTo(expected);
            assertThat(states(report, "cut")).isEqualTo(Map.of("value", "EXECUTED"));
            assertThat(states(report, "voices").values()).as("dialogue is unchanged")
                    .hasSize(22).containsOnly("CACHED");
            assertThat(report.path("workItems").path("executed").asInt())
                    .as("script, prompt, keyframe, shot and cut").isEqualTo(5);
        }

        @Test
        void layoutEditsKeepCacheKeys() throws IOException {
            Map<String, String> before = cacheKeys(estimate());
            editGraph(json -> {
                ObjectNode layout = node(json, "keyframe").with("layout");
                layout.put("x", 900).put("y", 480).put("title", "Hero frames");
                layout.put("note", "Try a wider lens on scene 4.");
                node(json, "script").with("layout").put("title", "Paper Fish, draft 2");
            });

            Map<String, String> after = cacheKeys(estimate());

            assertThat(before).containsKeys("keyframe/scene-1", "keyframe/scene-6",
                    "voices/scene-1/line-1", "script/value");
            assertThat(after).isEqualTo(before);
        }

        @Test
        void paramEditChangesCacheKeys() throws IOException {
            // The counterpart of layoutEditsKeepCacheKeys: the comparison does see real changes.
            Map<String, String> before = cacheKeys(estimate());
            editGraph(json -> node(json, "keyframe").with("params").put("seed", 8));

            Map<String, String> after = cacheKeys(estimate());

            assertThat(after.get("keyframe/scene-1")).isNotEqualTo(before.get("keyframe/scene-1"));
            assertThat(after.get("script/value")).isEqualTo(before.get("script/value"));
        }

        @Test
        void reRollShowsInEstimate() throws IOException {
            editGraph(json -> node(json, "keyframe").with("params").put("variation", 1));

            JsonNode plan = estimate();

            List<JsonNode> keyframes = new ArrayList<>();
            for (JsonNode node : plan.path("nodes")) {
                if (node.path("id").asText().equals("keyframe")) {
                    node.path("items").forEach(keyframes::add);
                }
            }
            assertThat(keyframes).hasSize(6);
            for (JsonNode item : keyframes) {
                assertThat(item.path("state").asText()).as(item.toString()).isEqualTo("WILL_RUN");
                assertThat(item.path("reason").asText()).as(item.toString()).contains("re-roll");
                assertThat(item.path("variation").asInt()).as(item.toString()).isEqualTo(1);
                assertThat(item.path("projectedUsd").decimalValue()).as(item.toString())
                        .isGreaterThan(BigDecimal.ZERO);
            }
            assertThat(plan.path("cost").path("byNodeUsd").path("keyframe").decimalValue())
                    .isGreaterThan(BigDecimal.ZERO);
        }

        @Test
        void draftReRollNamesVariation() throws IOException {
            // With the draft provider the variation is the only change since the baseline run,
            // so the reason is exactly the re-roll.
            editGraph(json -> node(json, "keyframe").with("params").put("variation", 1));

            JsonNode plan = estimate("--draft");

            for (JsonNode node : plan.path("nodes")) {
                if (node.path("id").asText().equals("keyframe")) {
                    assertThat(node.path("items")).hasSize(6);
                    for (JsonNode item : node.path("items")) {
                        assertThat(item.path("state").asText()).isEqualTo("WILL_RUN");
                        assertThat(item.path("reason").asText())
                                .isEqualTo("re-roll: variation 0 -> 1");
                    }
                }
            }
        }

        @Test
        void unchangedVariationIsNoReRoll() {
            JsonNode plan = estimate();

            for (JsonNode node : plan.path("nodes")) {
                if (node.path("id").asText().equals("keyframe")) {
                    for (JsonNode item : node.path("items")) {
                        assertThat(item.path("reason").asText()).as(item.toString())
                                .doesNotContain("re-roll");
                    }
                }
            }
        }
    }

    @Nested
    @Order(2)
    class EverySample {

        @Test
        void samplesFolderHasGraphs() throws IOException {
            assertThat(sampleGraphs()).isNotEmpty();
            assertThat(sampleGraphs()).contains(
                    Path.of("night-market", "night-market.reelgraph").toAbsolutePath());
        }

        @ParameterizedTest
        @MethodSource("io.reelgraph.samples.SampleGraphsTest#sampleGraphs")
        void validatesWithoutErrors(Path graph) {
            CliRun validate = CliRun.execute("validate", "--json", graph.toString());

            assertThat(validate.exitCode()).as(validate.describe()).isEqualTo(ExitCodes.OK);
            assertThat(validate.json().path("valid").asBoolean()).isTrue();
            for (JsonNode problem : validate.json().path("problems")) {
                assertThat(problem.path("severity").asText()).as(problem.toString())
                        .isNotEqualTo("error");
            }
        }

        @ParameterizedTest
        @MethodSource("io.reelgraph.samples.SampleGraphsTest#sampleGraphs")
        void estimatesWithoutFailures(Path graph, @TempDir Path out) {
            CliRun estimate = CliRun.execute("estimate", "--json", graph.toString(), "--out",
                    out.toString());

            assertThat(estimate.exitCode()).as(estimate.describe()).isEqualTo(ExitCodes.OK);
            assertThat(estimate.json().path("workItems").path("failed").asInt()).isZero();
            assertThat(estimate.json().path("workItems").path("total").asInt()).isPositive();
        }

        @ParameterizedTest
        @MethodSource("io.reelgraph.samples.SampleGraphsTest#sampleGraphs")
        void draftRunWritesFcpxmlAndEdl(Path graph, @TempDir Path out) throws IOException {
            Path reportFile = out.resolve("report.json");

            CliRun run = CliRun.execute("run", graph.toString(), "--draft", "--yes", "--out",
                    out.resolve("cut").toString(), "--report", reportFile.toString());

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            JsonNode report = readJson(reportFile);
            assertThat(report.path("workItems").path("failed").asInt()).isZero();
            assertThat(filesEndingWith(report, ".fcpxml")).hasSize(1)
                    .allSatisfy(file -> assertThat(file).isRegularFile().startsWith(out));
            assertThat(filesEndingWith(report, ".edl")).hasSize(1)
                    .allSatisfy(file -> assertThat(file).isRegularFile().startsWith(out));
            assertThat(graph.resolveSibling("out")).as("nothing written beside the sample")
                    .doesNotExist();
        }
    }
}
