package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.app.Home;
import io.reelgraph.nodes.provider.fal.FakeFalServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared graph that tries to redirect a model to an attacker's server, to read a file two
 * folders up and a file by absolute path, and that carries a planted key. {@code validate},
 * {@code estimate} and {@code run} must each reject it, naming every node and param at fault,
 * while the attacker's server records no request and the files outside the project are never
 * opened. Those files are named pipes without a writer, so opening one for reading would block
 * and the test would time out instead of passing.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MaliciousGraphTest {

    /** A key in fal's format that the graph carries; no request may ever contain it. */
    private static final String PLANTED_KEY =
            "4f0c2a9e-6b1d-4e8a-9c3f-7d2b5a1e8f60:3c9a7e1b5d2f8a4c6e0b9d7f1a3c5e8b";

    private static final String SCRIPT = """
            INT. KITCHEN - NIGHT

            Steam on the window.

            ANNA
            It needs salt.
            """;

    @TempDir
    Path root;

    @TempDir
    Path home;

    Path project;
    Path upTwo;
    Path absolute;
    Path graph;
    Path report;
    MockWebServer attacker;

    @BeforeEach
    void writeProject() throws Exception {
        System.setProperty(Home.PROPERTY, home.toString());
        project = Files.createDirectories(root.resolve("films/night"));
        Files.writeString(project.resolve("s.fountain"), SCRIPT);
        upTwo = namedPipe(root.resolve("secret.txt"));
        absolute = namedPipe(Files.createDirectories(root.resolve("outside"))
                .resolve("portrait.png"));
        report = root.resolve("report.json");

        attacker = new MockWebServer();
        attacker.start(InetAddress.getByName("127.0.0.1"), 0);
        graph = project.resolve("evil.reelgraph");
        Files.writeString(graph, maliciousGraph(attacker.url("/v1/").toString()));
    }

    @AfterEach
    void stopAttacker() {
        System.clearProperty(Home.PROPERTY);
        attacker.close();
    }

    private String maliciousGraph(String attackerUrl) {
        return """
                {
                  "format": "reelgraph", "version": 1, "name": "evil",
                  "baseUrl": "%1$s",
                  "providers": { "fal": { "endpoint": "%1$s" } },
                  "nodes": [
                    { "id": "script", "type": "script.fountain", "typeVersion": 2,
                      "params": { "file": "s.fountain" } },
                    { "id": "prompt", "type": "prompt.template", "typeVersion": 1, "params": {} },
                    { "id": "keyframe", "type": "model.image", "typeVersion": 1,
                      "params": { "model": "fal/fal-ai/flux/dev", "width": 512, "height": 512,
                                  "baseUrl": "%1$s", "endpoint": "%1$sfal-ai/flux/dev",
                                  "url": "%1$s", "apiKey": "%2$s" } },
                    { "id": "leak-script", "type": "script.fountain", "typeVersion": 2,
                      "params": { "file": "../../secret.txt" } },
                    { "id": "leak-ref", "type": "reference.image", "typeVersion": 1,
                      "params": { "file": "%3$s", "role": "character", "name": "JUNO" } }
                  ],
                  "connections": [
                    { "from": { "node": "script", "port": "scenes" },
                      "to": { "node": "prompt", "port": "scene" } },
                    { "from": { "node": "prompt", "port": "prompt" },
                      "to": { "node": "keyframe", "port": "prompt" } },
                    { "from": { "node": "leak-ref", "port": "reference" },
                      "to": { "node": "keyframe", "port": "references" } }
                  ]
                }
                """.formatted(attackerUrl, PLANTED_KEY, absolute);
    }

    /** Makes a named pipe with no writer, so a reader that opens it blocks forever. */
    private static Path namedPipe(Path path) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).as("mkfifo finished").isTrue();
        assertThat(mkfifo.exitValue()).as("mkfifo exit code").isZero();
        return path;
    }

    /** Checks the promises every command keeps for this graph: no request and no output. */
    private void assertNothingSentOrWritten() throws IOException {
        assertThat(attacker.getRequestCount()).as("requests to the attacker").isZero();
        assertThat(report).as("run report").doesNotExist();
        assertThat(project.resolve("out")).as("output folder").doesNotExist();
        try (Stream<Path> files = Files.list(project)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("evil.reelgraph", "s.fountain");
        }
    }

    /** Checks that one listing names every node and param at fault, each with its code. */
    private void assertNamesEveryProblem(String text) {
        assertThat(text).contains("node keyframe: Param \"baseUrl\" sets an address ("
                + attacker.url("/v1/") + "), but a graph file cannot choose where requests go");
        assertThat(text).contains("node keyframe: Param \"endpoint\" sets an address");
        assertThat(text).contains("node keyframe: Param \"url\" sets an address");
        assertThat(text).contains("Graph file member \"baseUrl\" sets an address");
        assertThat(text).contains("Graph file member \"providers\" member \"fal\" member"
                + " \"endpoint\" sets an address");
        assertThat(text).contains("[ENDPOINT_IN_GRAPH]");
        assertThat(text).contains("node leak-script: Param \"file\": File reference"
                + " \"../../secret.txt\" resolves to " + upTwo + ", outside the graph file's"
                + " folder " + project);
        assertThat(text).contains("node leak-ref: Param \"file\": File reference \"" + absolute
                + "\" resolves to " + absolute + ", outside the graph file's folder " + project);
        assertThat(text).contains("[FILE_NOT_READABLE]");
        assertThat(text).contains("node keyframe: param apiKey contains what looks like an API"
                + " key");
        assertThat(text).contains("[SECRET_IN_GRAPH]");
        assertThat(text).doesNotContain(PLANTED_KEY);
    }

    @Nested
    class Validate {

        @Test
        void listsEveryProblem() throws Exception {
            CliRun validate = CliRun.execute("validate", graph.toString());

            assertThat(validate.exitCode()).as(validate.describe())
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertNamesEveryProblem(validate.stdout());
            assertNothingSentOrWritten();
        }

        @Test
        void jsonGivesNodeAndCode() throws Exception {
            CliRun validate = CliRun.execute("validate", "--json", graph.toString());

            assertThat(validate.exitCode()).as(validate.describe())
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            List<String> found = new ArrayList<>();
            for (JsonNode problem : validate.json().path("problems")) {
                found.add(problem.path("node").asText("-") + " " + problem.path("code").asText());
            }
            assertThat(found).contains("keyframe ENDPOINT_IN_GRAPH", "- ENDPOINT_IN_GRAPH",
                    "leak-script FILE_NOT_READABLE", "leak-ref FILE_NOT_READABLE",
                    "keyframe SECRET_IN_GRAPH");
            assertNothingSentOrWritten();
        }
    }

    @Nested
    class Estimate {

        @Test
        void rejectsBeforePlanning() throws Exception {
            CliRun estimate = CliRun.execute("estimate", graph.toString());

            assertThat(estimate.exitCode()).as(estimate.describe())
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertNamesEveryProblem(estimate.stderr());
            assertNothingSentOrWritten();
        }
    }

    @Nested
    class Run {

        @Test
        void sendsNothingWithARealKey() throws Exception {
            Path console = root.resolve("console.txt");
            try (FakeFalServer fal = new FakeFalServer()) {
                ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                        "io.reelgraph.app.Main", "run", graph.toString(), "--yes", "--report",
                        report.toString())
                        .redirectErrorStream(true).redirectOutput(console.toFile());
                Map<String, String> environment = builder.environment();
                environment.put("REELGRAPH_HOME", home.toString());
                environment.put("FAL_KEY", fal.key());
                environment.put("REELGRAPH_FAL_BASE_URL", fal.baseUrl());
                Process child = builder.start();
                assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("run finished").isTrue();

                String output = Files.readString(console);
                assertThat(child.exitValue()).as(output).isEqualTo(ExitCodes.INVALID_INPUT);
                assertNamesEveryProblem(output);
                assertThat(output).contains("Nothing was run and no output was written.");
                assertThat(output).doesNotContain(fal.key());
                assertThat(fal.submits()).as("submits to the real provider").isZero();
            }
            assertNothingSentOrWritten();
        }
    }

    /**
     * A Final Draft screenplay inside the project whose external entity points at the pipe two
     * folders up: the XML parser must reject it before the entity is read.
     */
    @Nested
    class HostileScreenplay {

        Path hostile;

        @BeforeEach
        void writeHostileGraph() throws IOException {
            Files.writeString(project.resolve("act1.fdx"), "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE FinalDraft [<!ENTITY x SYSTEM \"" + upTwo.toUri() + "\">]>\n"
                    + "<FinalDraft><Content><Paragraph Type=\"Scene Heading\"><Text>INT. A - DAY"
                    + "</Text></Paragraph><Paragraph Type=\"Action\"><Text>&x;</Text>"
                    + "</Paragraph></Content></FinalDraft>\n");
            hostile = project.resolve("hostile.reelgraph");
            Files.writeString(hostile, """
                    {
                      "format": "reelgraph", "version": 1, "name": "hostile",
                      "nodes": [
                        { "id": "act1", "type": "script.fountain", "typeVersion": 2,
                          "params": { "file": "act1.fdx" } }
                      ],
                      "connections": []
                    }
                    """);
        }

        @Test
        void runFailsNamingTheFile() throws Exception {
            CliRun run = CliRun.execute("run", hostile.toString(), "--draft", "--yes",
                    "--report", report.toString());

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).contains("node act1: act1.fdx, line 2: the file declares a"
                    + " DOCTYPE");
            assertThat(report).as("run report").doesNotExist();
            assertThat(project.resolve("out")).as("output folder").doesNotExist();
        }
    }

    /** The same outside references in a graph without the other faults, allowed explicitly. */
    @Nested
    class AllowedFolder {

        Path outsideScript;
        Path trusted;

        @BeforeEach
        void writeTrustedGraph() throws IOException {
            outsideScript = root.resolve("act2.fountain");
            Files.writeString(outsideScript, SCRIPT + """

                    EXT. GARDEN - DAY

                    Bees over the beans.

                    EXT. ROOF - NIGHT

                    Stars.
                    """);
            trusted = project.resolve("trusted.reelgraph");
            Files.writeString(trusted, """
                    {
                      "format": "reelgraph", "version": 1, "name": "trusted",
                      "nodes": [
                        { "id": "act2", "type": "script.fountain", "typeVersion": 2,
                          "params": { "file": "../../act2.fountain" } },
                        { "id": "prompt", "type": "prompt.template", "typeVersion": 1,
                          "params": {} }
                      ],
                      "connections": [
                        { "from": { "node": "act2", "port": "scenes" },
                          "to": { "node": "prompt", "port": "scene" } }
                      ]
                    }
                    """);
        }

        @Test
        void outsideFileIsRejectedByDefault() {
            CliRun validate = CliRun.execute("validate", trusted.toString());

            assertThat(validate.exitCode()).as(validate.describe())
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(validate.stdout()).contains("node act2: Param \"file\": File reference"
                    + " \"../../act2.fountain\" resolves to " + outsideScript);
        }

        @Test
        void allowedFolderLetsTheFileBeRead() {
            CliRun validate = CliRun.execute("validate", trusted.toString(), "--allow-folder",
                    root.toString());
            // --allow-path is the other name of the option.
            CliRun estimate = CliRun.execute("estimate", "--json", trusted.toString(),
                    "--allow-path", root.toString());

            assertThat(validate.exitCode()).as(validate.describe()).isEqualTo(ExitCodes.OK);
            assertThat(estimate.exitCode()).as(estimate.describe()).isEqualTo(ExitCodes.OK);
            // Three prompts, one per scene of the outside screenplay, show that it was parsed.
            assertThat(PaidItems.states(estimate.json()).keySet()).contains(
                    "prompt/scene-1", "prompt/scene-2", "prompt/scene-3");
        }
    }
}
