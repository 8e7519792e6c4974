package io.reelgraph.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reelgraph.engine.file.GraphFileException.Position;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.GraphParameter;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.testing.TestGraphs;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphFileTest {

    private static final String WRITER = "reelgraph 0.1.0";

    /** A file in canonical form, with unknown members at the top level, in a node and in params. */
    private static final String CANONICAL = String.join("\n",
            "{",
            "  \"format\": \"reelgraph\",",
            "  \"version\": 1,",
            "  \"writtenBy\": \"reelgraph 0.1.0\",",
            "  \"name\": \"Night market storyboard\",",
            "  \"description\": \"Keyframes for the night market scenes\",",
            "  \"parameters\": [",
            "    {",
            "      \"name\": \"script\",",
            "      \"type\": \"file\",",
            "      \"default\": \"night-market.fountain\",",
            "      \"description\": \"The screenplay\"",
            "    }",
            "  ],",
            "  \"nodes\": [",
            "    {",
            "      \"id\": \"keyframe\",",
            "      \"type\": \"model.image\",",
            "      \"typeVersion\": 1,",
            "      \"params\": {",
            "        \"guidance\": 3.50,",
            "        \"height\": 768,",
            "        \"model\": \"fal/flux-dev\",",
            "        \"scale\": 1E3,",
            "        \"style\": {",
            "          \"grain\": true,",
            "          \"tags\": [",
            "            \"35mm\",",
            "            \"moody \\\"neon\\\"\"",
            "          ]",
            "        }",
            "      },",
            "      \"layout\": {",
            "        \"x\": 600,",
            "        \"y\": 120",
            "      },",
            "      \"pinned\": {",
            "        \"by\": \"ana\"",
            "      }",
            "    },",
            "    {",
            "      \"id\": \"script\",",
            "      \"type\": \"script.fountain\",",
            "      \"typeVersion\": 1,",
            "      \"params\": {",
            "        \"file\": \"$script\"",
            "      },",
            "      \"layout\": {",
            "        \"title\": \"Screenplay\",",
            "        \"x\": 40,",
            "        \"y\": 120",
            "      }",
            "    },",
            "    {",
            "      \"id\": \"shot-prompt\",",
            "      \"type\": \"future.kind\",",
            "      \"typeVersion\": 7,",
            "      \"params\": {},",
            "      \"layout\": {},",
            "      \"futureMember\": [",
            "        1,",
            "        null",
            "      ]",
            "    }",
            "  ],",
            "  \"connections\": [",
            "    { \"from\": { \"node\": \"shot-prompt\", \"port\": \"prompt\" }, "
                    + "\"to\": { \"node\": \"keyframe\", \"port\": \"prompt\" } },",
            "    { \"from\": { \"node\": \"script\", \"port\": \"scenes\" }, "
                    + "\"to\": { \"node\": \"shot-prompt\", \"port\": \"scene\" } }",
            "  ],",
            "  \"groups\": [",
            "    \"a\"",
            "  ],",
            "  \"zoom\": 1.25",
            "}",
            "");

    private static Graph parse(String text) throws GraphFileException {
        return GraphFile.parse(text, "test.reelgraph");
    }

    /** Parses text that must fail and returns the exception. */
    private static GraphFileException failure(String text) {
        try {
            parse(text);
        } catch (GraphFileException e) {
            return e;
        }
        throw new AssertionError("Expected the text to be rejected:\n" + text);
    }

    private static String lines(String... lines) {
        return String.join("\n", lines);
    }

    /** A minimal file with the given nodes and connections members. */
    private static String file(String nodes, String connections) {
        return lines(
                "{",
                "  \"format\": \"reelgraph\",",
                "  \"version\": 1,",
                "  \"nodes\": " + nodes + ",",
                "  \"connections\": " + connections,
                "}");
    }

    @Nested
    class RoundTrip {

        @Test
        void canonicalFileIsByteIdentical() throws GraphFileException {
            Graph graph = parse(CANONICAL);

            assertThat(GraphFile.toText(graph, WRITER)).isEqualTo(CANONICAL);
        }

        @Test
        void parseWriteParseIsEqual() throws GraphFileException {
            Graph graph = parse(CANONICAL);

            Graph again = parse(GraphFile.toText(graph, WRITER));

            assertThat(again).isEqualTo(graph);
        }

        @Test
        void unknownNodeTypeKeepsEverything() throws GraphFileException {
            Node node = parse(CANONICAL).requireNode(NodeId.of("shot-prompt"));

            assertThat(node.type()).isEqualTo("future.kind");
            assertThat(node.typeVersion()).isEqualTo(7);
            assertThat(node.extra().get("futureMember").toString()).isEqualTo("[1,null]");
        }

        @Test
        void decimalsKeepTheirScale() throws GraphFileException {
            Node node = parse(CANONICAL).requireNode(NodeId.of("keyframe"));

            assertThat(node.param("guidance").orElseThrow().decimalValue())
                    .isEqualTo(new BigDecimal("3.50"));
            assertThat(node.param("scale").orElseThrow().decimalValue())
                    .isEqualTo(new BigDecimal("1E+3"));
        }

        @Test
        void unknownTopLevelMembersAreKeptSorted() throws GraphFileException {
            Graph graph = parse(CANONICAL);

            assertThat(graph.extra().toString()).isEqualTo("{\"groups\":[\"a\"],\"zoom\":1.25}");
        }

        @Test
        void outputIsSortedWhateverTheInputOrder() throws GraphFileException {
            String shuffled = lines(
                    "{\"connections\": [],",
                    " \"version\": 1, \"format\": \"reelgraph\",",
                    " \"nodes\": [",
                    "  {\"layout\": {\"y\": 2, \"x\": 1}, \"typeVersion\": 1, \"type\": \"t\", \"id\": \"b\"},",
                    "  {\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1}",
                    " ]}");

            String text = GraphFile.toText(parse(shuffled), WRITER);

            assertThat(text).isEqualTo(lines(
                    "{",
                    "  \"format\": \"reelgraph\",",
                    "  \"version\": 1,",
                    "  \"writtenBy\": \"reelgraph 0.1.0\",",
                    "  \"name\": \"\",",
                    "  \"description\": \"\",",
                    "  \"parameters\": [],",
                    "  \"nodes\": [",
                    "    {",
                    "      \"id\": \"a\",",
                    "      \"type\": \"t\",",
                    "      \"typeVersion\": 1,",
                    "      \"params\": {},",
                    "      \"layout\": {}",
                    "    },",
                    "    {",
                    "      \"id\": \"b\",",
                    "      \"type\": \"t\",",
                    "      \"typeVersion\": 1,",
                    "      \"params\": {},",
                    "      \"layout\": {",
                    "        \"x\": 1,",
                    "        \"y\": 2",
                    "      }",
                    "    }",
                    "  ],",
                    "  \"connections\": []",
                    "}",
                    ""));
        }

        @Test
        void controlCharactersAreEscaped() throws GraphFileException {
            Graph graph = TestGraphs.graph("tab\there").node("a", "t", "note", "line\nnext\u0001")
                    .build();

            String text = GraphFile.toText(graph, WRITER);

            assertThat(text).contains("\"name\": \"tab\\there\"");
            assertThat(text).contains("\"note\": \"line\\nnext\\u0001\"");
            assertThat(parse(text)).isEqualTo(graph);
        }

        @Test
        void decimalWithoutFractionReadsBackAsDecimal() {
            assertThat(GraphEncoder.decimal(new BigDecimal("15"))).isEqualTo("15E0");
            assertThat(GraphEncoder.decimal(new BigDecimal("1.50"))).isEqualTo("1.50");
            assertThat(GraphEncoder.decimal(new BigDecimal("0.0000001"))).isEqualTo("0.0000001");
        }
    }

    @Nested
    class Errors {

        @Test
        void malformedJsonGivesLineAndColumn() {
            GraphFileException e = failure(lines("{", "  \"format\": \"reelgraph\",", "  \"version\" 1", "}"));

            assertThat(e.position()).contains(new Position(3, 13));
            assertThat(e.getMessage()).startsWith("test.reelgraph:3:13: invalid JSON: ");
        }

        @Test
        void wrongFormatIsRejected() {
            GraphFileException e = failure(lines("{", "  \"format\": \"comfyui\",", "  \"version\": 1", "}"));

            assertThat(e.getMessage()).isEqualTo("test.reelgraph:2:13: \"format\" is \"comfyui\","
                    + " expected \"reelgraph\"; this is not a Reelgraph graph file");
        }

        @Test
        void missingFormatIsRejected() {
            GraphFileException e = failure("{\"version\": 1}");

            assertThat(e.position()).contains(new Position(1, 1));
            assertThat(e.problem()).startsWith("member \"format\" is missing");
        }

        @Test
        void missingVersionIsRejected() {
            GraphFileException e = failure("{\"format\": \"reelgraph\"}");

            assertThat(e.problem()).startsWith("member \"version\" is missing");
        }

        @Test
        void nonIntegerVersionIsRejected() {
            GraphFileException e = failure(lines("{\"format\": \"reelgraph\",", "\"version\": 1.5}"));

            assertThat(e.position()).contains(new Position(2, 12));
            assertThat(e.problem()).isEqualTo(
                    "\"version\" must be a whole number of at least 1, got 1.5");
        }

        @Test
        void newerVersionAsksForUpdate() {
            GraphFileException e = failure("{\"format\": \"reelgraph\", \"version\": 2}");

            assertThat(e.position()).contains(new Position(1, 36));
            assertThat(e.problem()).contains("written by a newer Reelgraph")
                    .endsWith("so update Reelgraph to open it");
        }

        @Test
        void missingNodeIdIsRejected() {
            GraphFileException e = failure(file(lines("[", "    {\"type\": \"t\", \"typeVersion\": 1}]"), "[]"));

            assertThat(e.position()).contains(new Position(5, 5));
            assertThat(e.problem()).isEqualTo(
                    "node 1 has no \"id\"; give it a unique id such as \"keyframe\"");
        }

        @Test
        void duplicateNodeIdIsRejected() {
            GraphFileException e = failure(file(lines("[",
                    "    {\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1},",
                    "    {\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1}]"), "[]"));

            assertThat(e.position()).contains(new Position(6, 12));
            assertThat(e.problem()).isEqualTo(
                    "node id \"a\" is used by more than one node; give each node its own id");
        }

        @Test
        void invalidNodeIdIsRejected() {
            GraphFileException e = failure(file("[{\"id\": \"../x\", \"type\": \"t\", \"typeVersion\": 1}]", "[]"));

            assertThat(e.position()).contains(new Position(4, 20));
            assertThat(e.problem()).startsWith("node id \"../x\" is invalid");
        }

        @Test
        void missingTypeIsRejected() {
            GraphFileException e = failure(file("[{\"id\": \"a\", \"typeVersion\": 1}]", "[]"));

            assertThat(e.position()).contains(new Position(4, 13));
            assertThat(e.problem()).isEqualTo(
                    "node \"a\" needs a \"type\" such as \"model.image\", got nothing");
        }

        @Test
        void badTypeVersionIsRejected() {
            GraphFileException e = failure(file("[{\"id\": \"a\", \"type\": \"t\", \"typeVersion\": \"1\"}]", "[]"));

            assertThat(e.position()).contains(new Position(4, 53));
            assertThat(e.problem()).isEqualTo("node \"a\" needs a \"typeVersion\" that is a whole "
                    + "number of at least 1, got \"1\"");
        }

        @Test
        void paramsThatAreNotAnObjectAreRejected() {
            GraphFileException e = failure(file(
                    "[{\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1, \"params\": [1]}]", "[]"));

            assertThat(e.position()).contains(new Position(4, 66));
            assertThat(e.problem()).isEqualTo(
                    "\"params\" of node \"a\" must be a JSON object of named values, got an array");
        }

        @Test
        void layoutThatIsNotAnObjectIsRejected() {
            GraphFileException e = failure(file(
                    "[{\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1, \"layout\": 3}]", "[]"));

            assertThat(e.problem()).isEqualTo(
                    "\"layout\" of node \"a\" must be a JSON object of named values, got 3");
        }

        @Test
        void connectionToMissingNodeIsRejected() {
            GraphFileException e = failure(file("[{\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1}]",
                    lines("[", "  {\"from\": {\"node\": \"a\", \"port\": \"out\"},",
                            "   \"to\": {\"node\": \"ghost\", \"port\": \"in\"}}]")));

            assertThat(e.position()).contains(new Position(7, 19));
            assertThat(e.problem()).isEqualTo("connection 1 refers to node \"ghost\", which does "
                    + "not exist in this graph; fix the id or remove the connection");
        }

        @Test
        void connectionWithoutPortIsRejected() {
            GraphFileException e = failure(file("[{\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1}]",
                    "[{\"from\": {\"node\": \"a\"}, \"to\": {\"node\": \"a\", \"port\": \"in\"}}]"));

            assertThat(e.position()).contains(new Position(5, 28));
            assertThat(e.problem()).isEqualTo(
                    "connection 1 \"from\" needs a \"port\" name, got nothing");
        }

        @Test
        void connectionThatIsNotAnObjectIsRejected() {
            GraphFileException e = failure(file("[]", "[\"a.out -> b.in\"]"));

            assertThat(e.position()).contains(new Position(5, 19));
            assertThat(e.problem()).isEqualTo(
                    "connection 1 must be a JSON object, got \"a.out -> b.in\"");
        }

        @Test
        void repeatedConnectionIsRejected() {
            String connection = "{\"from\": {\"node\": \"a\", \"port\": \"o\"}, "
                    + "\"to\": {\"node\": \"a\", \"port\": \"i\"}}";
            GraphFileException e = failure(file("[{\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1}]",
                    "[" + connection + ", " + connection + "]"));

            assertThat(e.problem()).startsWith("connection 2 (a.o -> a.i) repeats an earlier");
        }

        @Test
        void unknownConnectionMemberIsRejected() {
            GraphFileException e = failure(file("[{\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1}]",
                    "[{\"from\": {\"node\": \"a\", \"port\": \"o\"}, "
                            + "\"to\": {\"node\": \"a\", \"port\": \"i\"}, \"label\": \"x\"}]"));

            assertThat(e.problem()).startsWith("connection 1 has unknown member \"label\"");
        }

        @Test
        void duplicateMemberNameIsRejected() {
            GraphFileException e = failure(lines("{\"format\": \"reelgraph\",", " \"format\": \"x\"}"));

            assertThat(e.position()).contains(new Position(2, 2));
            assertThat(e.problem()).isEqualTo(
                    "member \"format\" appears twice in the same object; remove one of them");
        }

        @Test
        void parameterWithUnknownTypeIsRejected() {
            GraphFileException e = failure(lines("{\"format\": \"reelgraph\", \"version\": 1,",
                    " \"parameters\": [{\"name\": \"fps\", \"type\": \"float\"}]}"));

            assertThat(e.position()).contains(new Position(2, 41));
            assertThat(e.problem()).isEqualTo("graph parameter \"fps\" has type \"float\"; "
                    + "use string, number, integer, boolean or file");
        }

        @Test
        void parameterDefaultMustFitItsType() {
            GraphFileException e = failure(lines("{\"format\": \"reelgraph\", \"version\": 1,",
                    " \"parameters\": [{\"name\": \"seed\", \"type\": \"integer\", \"default\": 1.5}]}"));

            assertThat(e.problem()).isEqualTo("the default of graph parameter \"seed\" must be "
                    + "a whole number, got 1.5; fix the default or the type");
        }

        @Test
        void duplicateParameterIsRejected() {
            GraphFileException e = failure(lines("{\"format\": \"reelgraph\", \"version\": 1,",
                    " \"parameters\": [{\"name\": \"a\", \"type\": \"string\"},",
                    "                {\"name\": \"a\", \"type\": \"string\"}]}"));

            assertThat(e.position()).contains(new Position(3, 26));
            assertThat(e.problem()).startsWith("graph parameter \"a\" is defined twice");
        }

        @Test
        void invalidParameterNameIsRejected() {
            GraphFileException e = failure(lines("{\"format\": \"reelgraph\", \"version\": 1,",
                    " \"parameters\": [{\"name\": \"has space\", \"type\": \"string\"}]}"));

            assertThat(e.problem()).startsWith("graph parameter 1 needs a \"name\" of 1 to 100");
        }

        @Test
        void rootThatIsNotAnObjectIsRejected() {
            GraphFileException e = failure("[1, 2]");

            assertThat(e.problem()).endsWith("but this file contains an array");
        }

        @Test
        void missingFileIsReported(@TempDir Path folder) {
            Path missing = folder.resolve("gone.reelgraph");

            assertThatThrownBy(() -> GraphFile.read(missing))
                    .isInstanceOf(GraphFileException.class)
                    .hasMessage(missing + ": file not found; check the path");
        }

        @Test
        void invalidUtf8IsReported(@TempDir Path folder) throws IOException {
            Path file = folder.resolve("bad.reelgraph");
            Files.write(file, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});

            assertThatThrownBy(() -> GraphFile.read(file))
                    .hasMessage(file + ": the file is not valid UTF-8 text; save it as UTF-8");
        }
    }

    @Nested
    class Limits {

        @Test
        void fileLargerThanLimitIsRejectedBeforeReading(@TempDir Path folder) throws IOException {
            Path file = folder.resolve("huge.reelgraph");
            Files.write(file, new byte[16 * 1024 * 1024 + 1]);

            assertThatThrownBy(() -> GraphFile.read(file)).hasMessage(file + ": the file is "
                    + "16777217 bytes, more than the limit of 16777216 bytes for a graph file; "
                    + "keep media and long text in separate files that the graph refers to");
        }

        @Test
        void textLargerThanLimitIsRejected() {
            String text = "{\"format\": \"reelgraph\", \"version\": 1, \"name\": \""
                    + "é".repeat(8 * 1024 * 1024) + "\"}";

            GraphFileException e = failure(text);

            assertThat(e.position()).isEmpty();
            assertThat(e.problem()).contains("more than the limit of 16777216 bytes");
        }

        @Test
        void nestingDeeperThanLimitIsRejected() {
            String deep = "[".repeat(64) + "]".repeat(64);
            String text = "{\"format\": \"reelgraph\", \"version\": 1, \"deep\": " + deep + "}";

            GraphFileException e = failure(text);

            assertThat(e.position()).contains(new Position(1, 47 + 63));
            assertThat(e.problem()).startsWith("nesting depth exceeds the limit of 64 levels");
        }

        @Test
        void nestingAtLimitIsAccepted() throws GraphFileException {
            String deep = "[".repeat(63) + "]".repeat(63);
            String text = "{\"format\": \"reelgraph\", \"version\": 1, \"deep\": " + deep + "}";

            assertThat(parse(text).extra().has("deep")).isTrue();
        }

        @Test
        void stringLongerThanLimitIsRejected() {
            String text = "{\"format\": \"reelgraph\", \"version\": 1,\n \"name\": \""
                    + "x".repeat(1024 * 1024 + 1) + "\"}";

            GraphFileException e = failure(text);

            assertThat(e.position()).contains(new Position(2, 10));
            assertThat(e.problem()).startsWith("a string of 1048577 characters exceeds the limit"
                    + " of 1048576 characters per string");
        }

        @Test
        void memberNameLongerThanLimitIsRejected() {
            GraphFileLimits limits = new GraphFileLimits(1000, 8, 10, 10, 5);

            assertThatThrownBy(() -> GraphFile.parse("{\"format6\": 1}", "n.reelgraph", limits))
                    .hasMessageStartingWith("n.reelgraph:1:2: a string of 7 characters exceeds");
        }

        @Test
        void moreNodesThanLimitAreRejected() {
            StringBuilder nodes = new StringBuilder("[");
            for (int i = 0; i <= 200_000; i++) {
                nodes.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i)
                        .append("\",\"type\":\"t\",\"typeVersion\":1}");
            }
            GraphFileException e = failure(file(nodes.append("]").toString(), "[]"));

            assertThat(e.position()).contains(new Position(4, 12));
            assertThat(e.problem()).isEqualTo("the file has 200001 nodes, more than the limit of "
                    + "200000 nodes per graph; split the graph into smaller files");
        }

        @Test
        void moreConnectionsThanLimitAreRejected() {
            GraphFileLimits limits = new GraphFileLimits(10_000, 64, 10, 1, 100);
            String connection = "{\"from\": {\"node\": \"a\", \"port\": \"o\"}, "
                    + "\"to\": {\"node\": \"a\", \"port\": \"i\"}}";
            String text = file("[{\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1}]",
                    "[" + connection + ", " + connection + "]");

            assertThatThrownBy(() -> GraphFile.parse(text, "c.reelgraph", limits))
                    .hasMessage("c.reelgraph:5:18: the file has 2 connections, more than the "
                            + "limit of 1 connections per graph; split the graph into smaller "
                            + "files");
        }
    }

    @Nested
    class Migrations {

        /** A made-up step to version 2 that renames the node member "kind" to "type". */
        private final GraphFileMigrations toVersion2 = new GraphFileMigrations(2, List.of(
                new GraphFileMigrations.Step(1, root -> {
                    root.withArray("nodes").forEach(node -> {
                        ObjectNode object = (ObjectNode) node;
                        object.set("type", object.remove("kind"));
                    });
                    return root;
                })));

        @Test
        void olderFileIsMigratedBeforeDecoding() throws GraphFileException {
            String old = file("[{\"id\": \"a\", \"kind\": \"t\", \"typeVersion\": 1}]", "[]");

            Graph graph = GraphFile.parse(old, "old.reelgraph", GraphFileLimits.DEFAULT,
                    toVersion2);

            assertThat(graph.requireNode(NodeId.of("a")).type()).isEqualTo("t");
            assertThat(graph.requireNode(NodeId.of("a")).extra().isEmpty()).isTrue();
        }

        @Test
        void currentFileIsNotMigrated() throws GraphFileException {
            String current = file("[{\"id\": \"a\", \"type\": \"t\", \"typeVersion\": 1}]", "[]")
                    .replace("\"version\": 1", "\"version\": 2");

            Graph graph = GraphFile.parse(current, "new.reelgraph", GraphFileLimits.DEFAULT,
                    toVersion2);

            assertThat(graph.requireNode(NodeId.of("a")).type()).isEqualTo("t");
        }

        @Test
        void stepsWithGapsAreRejected() {
            assertThatThrownBy(() -> new GraphFileMigrations(3, List.of(
                    new GraphFileMigrations.Step(1, root -> root))))
                    .hasMessageContaining("step 0 starts at version 1");
        }

        @Test
        void standardStepsStartAndEndAtVersionOne() {
            assertThat(GraphFileMigrations.standard().oldestVersion()).isEqualTo(1);
            assertThat(GraphFileMigrations.standard().currentVersion()).isEqualTo(1);
        }
    }

    @Nested
    class Writing {

        @Test
        void writeThenReadGivesTheSameGraph(@TempDir Path folder) throws GraphFileException {
            Path file = folder.resolve("story.reelgraph");
            Graph graph = parse(CANONICAL);

            GraphFile.write(graph, file, WRITER);

            assertThat(GraphFile.read(file)).isEqualTo(graph);
        }

        @Test
        void failedMoveLeavesOldFileUntouched(@TempDir Path folder) throws Exception {
            Path file = folder.resolve("story.reelgraph");
            Files.writeString(file, "old content");
            Graph graph = parse(CANONICAL);

            assertThatThrownBy(() -> GraphFile.write(graph, file, WRITER, (source, target) -> {
                assertThat(Files.readString(source)).isEqualTo(CANONICAL);
                throw new IOException("disk full");
            })).isInstanceOf(GraphFileException.class)
                    .hasMessageContaining("writing failed, the previous file is unchanged")
                    .hasMessageContaining("disk full");

            assertThat(Files.readString(file)).isEqualTo("old content");
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files).containsExactly(file);
            }
        }

        @Test
        void missingFolderIsReported(@TempDir Path folder) {
            Path file = folder.resolve("no-such-folder").resolve("story.reelgraph");

            assertThatThrownBy(() -> GraphFile.write(parse(CANONICAL), file, WRITER))
                    .hasMessageStartingWith(file + ": writing failed");
        }

        @Test
        void fileIsUtf8WithLfOnly(@TempDir Path folder) throws Exception {
            Path file = folder.resolve("story.reelgraph");
            Graph graph = TestGraphs.graph("Café ☕").build();

            GraphFile.write(graph, file, WRITER);

            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertThat(text).contains("\"name\": \"Café ☕\"").doesNotContain("\r").endsWith("}\n");
        }
    }

    @Nested
    class SecretScanOnWrite {

        private static final String KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA1B2";

        @Test
        void keyInParamIsRejectedAndMasked() {
            Graph graph = TestGraphs.graph("g").node("keyframe", "model.image",
                    "headers", JsonNodeFactory.instance.objectNode().put("auth", "Bearer " + KEY))
                    .build();

            assertThatThrownBy(() -> GraphFile.toText(graph, WRITER))
                    .isInstanceOf(GraphFileException.class)
                    .hasMessage("graph \"g\": not written, because node keyframe, field "
                            + "params.headers.auth contains what looks like an API key "
                            + "(sk-proj-…A1B2); remove it. Keys belong in the key vault or an "
                            + "environment variable, never in a graph file")
                    .message().doesNotContain(KEY.substring(8, 20));
        }

        @Test
        void keyInLayoutIsRejected() {
            Node node = Node.of("a", "t", 1).withLayout(
                    JsonNodeFactory.instance.objectNode().put("note", "key r8_" + "a1B2".repeat(9) + "x"));
            Graph graph = TestGraphs.graph("g").node(node).build();

            assertThatThrownBy(() -> GraphFile.toText(graph, WRITER))
                    .hasMessageContaining("node a, field layout.note contains");
        }

        @Test
        void keyInParameterDefaultIsRejected() {
            Graph graph = TestGraphs.graph("g").build().withParameters(List.of(
                    new GraphParameter("key", GraphParameter.Kind.STRING,
                            java.util.Optional.of(TextNode.valueOf("AIza" + "Sy".repeat(17) + "9")),
                            "")));

            assertThatThrownBy(() -> GraphFile.toText(graph, WRITER))
                    .hasMessageContaining("graph parameter \"key\", field default contains");
        }

        @Test
        void keyInUnknownTopLevelMemberIsRejected(@TempDir Path folder) throws IOException {
            ObjectNode extra = JsonNodeFactory.instance.objectNode();
            extra.putArray("notes").add("fal " + "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b:"
                    + "0123456789abcdef0123456789abcdef");
            Graph graph = TestGraphs.graph("g").extra(extra).build();
            Path file = folder.resolve("g.reelgraph");
            Files.writeString(file, "old");

            assertThatThrownBy(() -> GraphFile.write(graph, file, WRITER))
                    .hasMessageContaining("the graph, field notes[0] contains");
            assertThat(Files.readString(file)).isEqualTo("old");
        }

        @Test
        void ordinaryPromptTextIsWritten() throws GraphFileException {
            Graph graph = TestGraphs.graph("g").node("p", "prompt.template",
                    "template", "A risk-taking sk-ater at dusk, key_light warm, luma-key green",
                    "hash", "sha256:" + "ab12".repeat(16)).build();

            assertThat(GraphFile.toText(graph, WRITER)).contains("risk-taking");
        }
    }
}
