package io.reelgraph.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.engine.file.GraphFileException.Position;
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.Subgraph;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SubgraphFileTest {

    private static final String WRITER = "reelgraph 0.1.0";

    private static String lines(String... lines) {
        return String.join("\n", lines);
    }

    private static String node(String id) {
        return lines(
                "    {",
                "      \"id\": \"" + id + "\",",
                "      \"type\": \"model.image\",",
                "      \"typeVersion\": 1,",
                "      \"params\": {",
                "        \"seed\": 7",
                "      },",
                "      \"layout\": {}",
                "    }");
    }

    /** Returns a canonical file with three nodes and {@code tail} after the connections. */
    private static String file(String tail) {
        return lines(
                "{",
                "  \"format\": \"reelgraph\",",
                "  \"version\": 1,",
                "  \"writtenBy\": \"reelgraph 0.1.0\",",
                "  \"name\": \"Grouped\",",
                "  \"description\": \"\",",
                "  \"parameters\": [],",
                "  \"nodes\": [",
                node("a") + ",",
                node("b") + ",",
                node("c"),
                "  ],",
                "  \"connections\": [",
                "    { \"from\": { \"node\": \"a\", \"port\": \"image\" }, "
                        + "\"to\": { \"node\": \"b\", \"port\": \"image\" } }",
                "  ]" + tail,
                "}",
                "");
    }

    private static final String GROUPED = file(lines(",",
            "  \"subgraphs\": [",
            "    {",
            "      \"id\": \"look\",",
            "      \"name\": \"Look dev\",",
            "      \"members\": [ \"a\", \"b\" ],",
            "      \"exposed\": {",
            "        \"first seed\": { \"node\": \"a\", \"param\": \"seed\" },",
            "        \"second seed\": { \"node\": \"b\", \"param\": \"seed\" }",
            "      },",
            "      \"layout\": {",
            "        \"x\": 40,",
            "        \"y\": 60",
            "      }",
            "    }",
            "  ]"));

    private static Graph parse(String text) throws GraphFileException {
        return GraphFile.parse(text, "test.reelgraph");
    }

    private static String subgraphs(String... entries) {
        return file(",\n  \"subgraphs\": [" + String.join(",", entries) + "]");
    }

    private static GraphFileException failure(String text) {
        try {
            parse(text);
        } catch (GraphFileException e) {
            return e;
        }
        throw new AssertionError("Expected the text to be rejected:\n" + text);
    }

    @Nested
    class RoundTrip {

        @Test
        void groupedFileIsByteIdentical() throws GraphFileException {
            assertThat(GraphFile.toText(parse(GROUPED), WRITER)).isEqualTo(GROUPED);
        }

        @Test
        void fileWithoutSubgraphsGetsNoSubgraphsMember() throws GraphFileException {
            String older = file("");

            Graph graph = parse(older);

            assertThat(graph.subgraphs()).isEmpty();
            assertThat(GraphFile.toText(graph, WRITER)).isEqualTo(older);
        }

        @Test
        void subgraphIsDecoded() throws GraphFileException {
            Subgraph look = parse(GROUPED).subgraph(NodeId.of("look")).orElseThrow();

            assertThat(look.name()).isEqualTo("Look dev");
            assertThat(look.members()).containsExactly(NodeId.of("a"), NodeId.of("b"));
            assertThat(look.exposed()).containsEntry("second seed", ExposedParam.of("b", "seed"));
            assertThat(look.layout().path("x").asInt()).isEqualTo(40);
        }

        @Test
        void ungroupingWritesTheFileWithoutSubgraphs() throws GraphFileException {
            Graph ungrouped = parse(GROUPED).withoutSubgraph(NodeId.of("look"));

            assertThat(GraphFile.toText(ungrouped, WRITER)).isEqualTo(file(""));
        }
    }

    @Nested
    class Errors {

        @Test
        void nodeInTwoSubgraphsIsRejected() {
            GraphFileException e = failure(subgraphs(
                    "{\"id\": \"one\", \"name\": \"One\", \"members\": [\"a\", \"b\"]}",
                    "{\"id\": \"two\", \"name\": \"Two\", \"members\": [\"c\", \"b\"]}"));

            assertThat(e.problem()).isEqualTo("node \"b\" is a member of subgraph \"one\" and of"
                    + " subgraph \"two\"; a node belongs to at most one subgraph, so remove it"
                    + " from one of them");
            assertThat(e.position()).isPresent();
        }

        @Test
        void memberThatIsNoNodeIsRejected() {
            GraphFileException e = failure(subgraphs(
                    "{\"id\": \"one\", \"name\": \"One\", \"members\": [\"a\", \"ghost\"]}"));

            assertThat(e.problem()).isEqualTo("subgraph \"one\" has member \"ghost\", which is"
                    + " not a node of this graph; fix the id or remove it from the members");
        }

        @Test
        void idOfANodeIsRejected() {
            GraphFileException e = failure(subgraphs(
                    "{\"id\": \"c\", \"name\": \"One\", \"members\": [\"a\"]}"));

            assertThat(e.problem()).startsWith("subgraph id \"c\" is also the id of a node");
        }

        @Test
        void exposedParamOfNonMemberIsRejected() {
            GraphFileException e = failure(subgraphs("{\"id\": \"one\", \"name\": \"One\","
                    + " \"members\": [\"a\"], \"exposed\": {\"s\": {\"node\": \"c\","
                    + " \"param\": \"seed\"}}}"));

            assertThat(e.problem()).isEqualTo("exposed param \"s\" of subgraph \"one\" refers to"
                    + " node \"c\", which is not a member of the subgraph; expose a param of one"
                    + " of its members [a]");
        }

        @Test
        void emptyMembersAreRejected() {
            GraphFileException e = failure(subgraphs(
                    "{\"id\": \"one\", \"name\": \"One\", \"members\": []}"));

            assertThat(e.problem()).isEqualTo("subgraph \"one\" needs \"members\": a non-empty"
                    + " array of node ids, got []");
        }

        @Test
        void repeatedSubgraphIdIsRejected() {
            GraphFileException e = failure(subgraphs(
                    "{\"id\": \"one\", \"name\": \"One\", \"members\": [\"a\"]}",
                    "{\"id\": \"one\", \"name\": \"Two\", \"members\": [\"b\"]}"));

            assertThat(e.problem()).startsWith("subgraph id \"one\" is used by more than one");
        }

        @Test
        void unknownSubgraphMemberIsRejectedWithPosition() {
            GraphFileException e = failure(subgraphs(
                    "{\"id\": \"one\", \"name\": \"One\", \"members\": [\"a\"], \"nested\": 1}"));

            assertThat(e.problem()).startsWith("subgraph 1 has unknown member \"nested\"");
            assertThat(e.position()).contains(new Position(40, 74));
        }

        @Test
        void keyInSubgraphNameIsNotWritten() throws GraphFileException {
            String key = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA1B2";
            Graph graph = parse(GROUPED);
            Subgraph look = graph.subgraph(NodeId.of("look")).orElseThrow();
            Graph leaking = graph.withSubgraph(look.withName("Look " + key));

            assertThatThrownBy(() -> GraphFile.toText(leaking, WRITER))
                    .isInstanceOf(GraphFileException.class)
                    .hasMessageContaining("subgraph look, field name contains what looks like an"
                            + " API key")
                    .hasMessageNotContaining(key);
        }
    }

    @Nested
    class Model {

        @Test
        void nodeCannotJoinTwoSubgraphs() throws GraphFileException {
            Graph graph = parse(GROUPED);

            assertThatThrownBy(() -> graph.withSubgraph(
                    Subgraph.of("other", "Other", List.of(NodeId.of("b"), NodeId.of("c")))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Node b is a member of subgraph look and cannot also join"
                            + " subgraph other");
        }

        @Test
        void removingAMemberDropsItsExposedParams() throws GraphFileException {
            Graph graph = parse(GROUPED).withoutNode(NodeId.of("b"));

            Subgraph look = graph.subgraph(NodeId.of("look")).orElseThrow();
            assertThat(look.members()).containsExactly(NodeId.of("a"));
            assertThat(look.exposed()).containsOnlyKeys("first seed");
        }

        @Test
        void removingTheLastMemberRemovesTheSubgraph() throws GraphFileException {
            Graph graph = parse(GROUPED).withoutNode(NodeId.of("a")).withoutNode(NodeId.of("b"));

            assertThat(graph.subgraphs()).isEmpty();
        }
    }
}
