package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.app.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code run} and {@code validate}: each case exits with
 * {@link ExitCodes#INVALID_INPUT}, names the file and the line, node or parameter at fault, and
 * writes neither outputs nor a report.
 */
class BadInputTest {

    @TempDir
    Path home;

    @TempDir
    Path folder;

    Path graph;
    Path report;

    @BeforeEach
    void copySample() throws IOException {
        System.setProperty(Home.PROPERTY, home.toString());
        graph = SampleGraph.copyInto(folder);
        report = folder.resolve("report.json");
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    /** Runs {@code run GRAPH --draft --yes --report FILE ARGS} and checks that it wrote nothing. */
    private CliRun runRejected(Path graphFile, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", graphFile.toString(), "--draft",
                "--yes", "--report", report.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.execute(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(report).as("report of a rejected run").doesNotExist();
        assertThat(folder.resolve("out")).as("output folder of a rejected run").doesNotExist();
        return run;
    }

    /** Runs {@code validate --json GRAPH} and returns its only problem. */
    private JsonNode validateJsonProblem(Path graphFile) {
        CliRun validate = CliRun.execute("validate", "--json", graphFile.toString());
        assertThat(validate.exitCode()).as(validate.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
        JsonNode json = validate.json();
        assertThat(json.path("valid").isBoolean()).as(validate.stdout()).isTrue();
        assertThat(json.path("valid").asBoolean()).as(validate.stdout()).isFalse();
        assertThat(json.path("problems")).as(validate.stdout()).hasSize(1);
        return json.path("problems").get(0);
    }

    private Path writeGraph(ObjectNode json, String name) throws IOException {
        Path file = folder.resolve(name);
        SampleGraph.write(json, file);
        return file;
    }

    @Nested
    class MalformedGraphFile {

        Path broken;

        @BeforeEach
        void writeBrokenFile() throws IOException {
            // The comma after "version": 1 is missing, so the parser stops at line 4, column 3.
            broken = folder.resolve("broken.reelgraph");
            Files.writeString(broken, """
                    {
                      "format": "reelgraph",
                      "version": 1
                      "name": "broken"
                    }
                    """);
        }

        @Test
        void runNamesFileLineAndColumn() {
            CliRun run = runRejected(broken);

            assertThat(run.stderr()).contains(broken + ":4:3: ");
            assertThat(run.stderr()).contains("invalid JSON");
        }

        @Test
        void validateNamesFileLineAndColumn() {
            CliRun validate = CliRun.execute("validate", broken.toString());

            assertThat(validate.exitCode()).as(validate.describe())
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(validate.stdout()).contains(broken + ":4:3: ");
        }

        @Test
        void validateJsonReportsParseError() {
            // A tool that reads --json output needs JSON on standard output for every invalid
            // graph, including one that does not parse.
            CliRun validate = CliRun.execute("validate", "--json", broken.toString());

            assertThat(validate.exitCode()).as(validate.describe())
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(validate.stdout()).as(validate.describe()).isNotBlank();
            JsonNode json = validate.json();
            assertThat(json.path("valid").asBoolean(true)).isFalse();
            assertThat(json.path("problems")).hasSize(1);
            assertThat(json.path("problems").get(0).path("code").asText()).isNotBlank();
            assertThat(json.path("problems").get(0).path("message").asText()).contains("4:3");
        }
    }

    @Nested
    class IncompatiblePorts {

        Path incompatible;

        @BeforeEach
        void connectReferenceToScene() throws IOException {
            ObjectNode json = SampleGraph.read(graph);
            ObjectNode connection = SampleGraph.connectionTo(json, "shot-prompt", "scene");
            connection.putObject("from").put("node", "juno-ref").put("port", "reference");
            incompatible = writeGraph(json, "incompatible.reelgraph");
        }

        @Test
        void runNamesNodePortAndCode() {
            CliRun run = runRejected(incompatible);

            assertThat(run.stderr()).contains(incompatible + ": node shot-prompt, port scene: "
                    + "Output juno-ref.reference carries Reference, but input \"scene\" takes"
                    + " Scene");
            assertThat(run.stderr()).contains("[INCOMPATIBLE_PORTS]");
            assertThat(run.stderr()).contains("1 problem found");
        }

        @Test
        void validateJsonGivesCodeNodeAndPort() {
            JsonNode problem = validateJsonProblem(incompatible);

            assertThat(problem.path("code").asText()).isEqualTo("INCOMPATIBLE_PORTS");
            assertThat(problem.path("node").asText()).isEqualTo("shot-prompt");
            assertThat(problem.path("port").asText()).isEqualTo("scene");
            assertThat(problem.path("severity").asText()).isEqualTo("error");
        }
    }

    @Nested
    class Cycle {

        Path looped;

        @BeforeEach
        void addLoopThroughSecondImageNode() throws IOException {
            // keyframe -> restyle -> keyframe: an image feeds a reference input, which the port
            // types allow, so the loop is the only problem.
            ObjectNode json = SampleGraph.read(graph);
            ObjectNode restyle = SampleGraph.node(json, "keyframe").deepCopy();
            restyle.put("id", "restyle");
            json.withArray("nodes").add(restyle);
            SampleGraph.connectionTo(json, "keyframe", "references").putObject("from")
                    .put("node", "restyle").put("port", "image");
            SampleGraph.connect(json, "shot-prompt", "prompt", "restyle", "prompt");
            SampleGraph.connect(json, "keyframe", "image", "restyle", "references");
            looped = writeGraph(json, "looped.reelgraph");
        }

        @Test
        void runNamesTheLoop() {
            CliRun run = runRejected(looped);

            assertThat(run.stderr()).contains(looped + ": node keyframe: Connections form a loop:"
                    + " keyframe -> restyle -> keyframe");
            assertThat(run.stderr()).contains("[CYCLE]");
        }

        @Test
        void validateJsonGivesCycleCode() {
            JsonNode problem = validateJsonProblem(looped);

            assertThat(problem.path("code").asText()).isEqualTo("CYCLE");
            assertThat(problem.path("node").asText()).isEqualTo("keyframe");
            assertThat(problem.path("message").asText()).contains("keyframe -> restyle");
        }
    }

    @Nested
    class UnknownNodeType {

        Path unknown;

        @BeforeEach
        void renameReferenceType() throws IOException {
            ObjectNode json = SampleGraph.read(graph);
            SampleGraph.node(json, "juno-ref").put("type", "reference.hologram");
            unknown = writeGraph(json, "unknown-type.reelgraph");
        }

        @Test
        void runNamesNodeAndType() {
            CliRun run = runRejected(unknown);

            assertThat(run.stderr()).contains(unknown + ": node juno-ref: Node type"
                    + " \"reference.hologram\" is unknown");
            assertThat(run.stderr()).contains("[UNKNOWN_NODE_TYPE]");
        }

        @Test
        void validateJsonGivesUnknownTypeCode() {
            JsonNode problem = validateJsonProblem(unknown);

            assertThat(problem.path("code").asText()).isEqualTo("UNKNOWN_NODE_TYPE");
            assertThat(problem.path("node").asText()).isEqualTo("juno-ref");
            assertThat(problem.path("port").isNull()).isTrue();
        }
    }

    @Nested
    class MissingScreenplay {

        @Test
        void setToMissingFileNamesFileAndNode() {
            Path missing = folder.resolve("missing.fountain");

            CliRun run = runRejected(graph, "--set", "script=" + missing);

            assertThat(run.stderr()).contains(graph + ": node script: Param \"file\": File"
                    + " \"missing.fountain\" not found in " + folder);
            assertThat(run.stderr()).contains("Nothing was run and no output was written.");
        }

        @Test
        void missingDefaultFileFailsRun() throws IOException {
            ObjectNode json = SampleGraph.read(graph);
            ((ObjectNode) json.withArray("parameters").get(0)).put("default", "gone.fountain");
            Path gone = writeGraph(json, "gone.reelgraph");

            CliRun run = runRejected(gone);

            assertThat(run.stderr()).contains(gone + ": node script: Param \"file\": File"
                    + " \"gone.fountain\" not found");
        }

        @Test
        void missingDefaultFileFailsValidate() throws IOException {
            // validate promises every problem of the graph at once. A screenplay that does not
            // exist stops the run as surely as a missing input does.
            ObjectNode json = SampleGraph.read(graph);
            ((ObjectNode) json.withArray("parameters").get(0)).put("default", "gone.fountain");
            Path gone = writeGraph(json, "gone.reelgraph");

            CliRun validate = CliRun.execute("validate", gone.toString());

            assertThat(validate.exitCode()).as(validate.describe())
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(validate.stdout() + validate.stderr()).contains("gone.fountain");
        }
    }

    @Nested
    class ScreenplayWithoutScenes {

        @Test
        void runNamesScreenplayAndNode() throws IOException {
            Path empty = folder.resolve("no-scenes.fountain");
            Files.writeString(empty, "Title: Nothing Yet\n\nRain on the window. Nobody comes.\n");

            CliRun run = runRejected(graph, "--set", "script=" + empty);

            assertThat(run.stderr()).contains(graph + ": node script: Screenplay"
                    + " no-scenes.fountain has no scenes");
            assertThat(run.stderr()).contains("Nothing was run and no output was written.");
        }
    }

    @Nested
    class UnknownParameter {

        @Test
        void runListsGraphParameters() {
            CliRun run = runRejected(graph, "--set", "scrpt=act2.fountain");

            assertThat(run.stderr()).contains(graph + ": Graph \"Paper Fish storyboard\" has no"
                    + " parameter \"scrpt\"; its parameters are script");
        }

        @Test
        void validateListsGraphParameters() {
            CliRun validate = CliRun.execute("validate", graph.toString(), "--set",
                    "scrpt=act2.fountain");

            assertThat(validate.exitCode()).as(validate.describe())
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(validate.stdout()).contains("has no parameter \"scrpt\"; its parameters"
                    + " are script");
        }

        @Test
        void validateJsonReportsUnboundSet() {
            CliRun validate = CliRun.execute("validate", "--json", graph.toString(), "--set",
                    "scrpt=act2.fountain");

            assertThat(validate.exitCode()).as(validate.describe())
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(validate.stdout()).as(validate.describe()).isNotBlank();
            JsonNode json = validate.json();
            assertThat(json.path("valid").asBoolean(true)).isFalse();
            assertThat(json.path("problems").get(0).path("message").asText()).contains("scrpt");
        }
    }
}
