package io.reelgraph.engine.validate;

import static io.reelgraph.engine.testing.TestGraphs.graph;
import static io.reelgraph.engine.testing.TestGraphs.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.engine.file.FolderFileAccess;
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.Subgraph;
import io.reelgraph.engine.graph.GraphParameter.Kind;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.testing.FakeNodeType;
import io.reelgraph.engine.testing.TestGraphs;
import io.reelgraph.engine.type.FileAccess;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.ParamSpec.ParamKind;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GraphValidatorTest {

    private static final FakeNodeType SCRIPT = FakeNodeType.of("script.fountain", List.of(),
            List.of(PortSpec.list("scenes", PortType.SCENE, "Scenes")),
            List.of(ParamSpec.builder("file", ParamKind.FILE).required().build()));
    private static final FakeNodeType PROMPT = FakeNodeType.of("prompt.template",
            List.of(PortSpec.one("scene", PortType.SCENE, "Scene")),
            List.of(PortSpec.one("prompt", PortType.PROMPT, "Prompt")),
            List.of(ParamSpec.builder("template", ParamKind.TEXT).required().build()));
    private static final FakeNodeType IMAGE = FakeNodeType.of("model.image",
            List.of(PortSpec.one("prompt", PortType.PROMPT, "Prompt"),
                    PortSpec.one("reference", PortType.REFERENCE, "Reference").asOptional()),
            List.of(PortSpec.one("image", PortType.IMAGE, "Image")),
            List.of(ParamSpec.builder("width", ParamKind.INTEGER).range(64, 4096).unit("px")
                    .build()))
            .withCheck(input -> input.params().path("width").asInt() == 999
                    ? List.of(Problem.error("UNSUPPORTED_SIZE", "Width 999 is not offered",
                            input.node()))
                    : List.of());
    private static final FakeNodeType CUT = FakeNodeType.of("cut.timeline",
            List.of(PortSpec.list("clips", PortType.IMAGE, "Clips")),
            List.of(PortSpec.one("timeline", PortType.TIMELINE, "Timeline")), List.of());
    private static final FakeNodeType STEP = FakeNodeType.of("util.step",
            List.of(PortSpec.one("in", PortType.TEXT, "In").asOptional()),
            List.of(PortSpec.one("out", PortType.TEXT, "Out")), List.of());

    private static final NodeTypeRegistry REGISTRY =
            NodeTypeRegistry.of(List.of(SCRIPT, PROMPT, IMAGE, CUT, STEP));
    private static final FileAccess FILES = FolderFileAccess.of(Path.of("."));

    private static List<Problem> validate(Graph graph) {
        return GraphValidator.validate(graph, REGISTRY, Bindings.empty(), FILES);
    }

    private static List<String> codes(List<Problem> problems) {
        return problems.stream().map(Problem::code).toList();
    }

    /** Builds the film chain: screenplay, prompt per scene, keyframe per prompt, cut of keyframes. */
    private static TestGraphs film() {
        return graph("film")
                .node("script", "script.fountain", "file", "night.fountain")
                .node("prompt", "prompt.template", "template", "{scene.heading}")
                .node("keyframe", "model.image", "width", 1344)
                .node("cut", "cut.timeline")
                .connect("script.scenes", "prompt.scene")
                .connect("prompt.prompt", "keyframe.prompt")
                .connect("keyframe.image", "cut.clips");
    }

    @Nested
    class ValidGraphs {

        @Test
        void filmChainHasNoProblems() {
            assertThat(validate(film().build())).isEmpty();
        }

        @Test
        void cardinalitiesMixFreely() {
            // script.scenes is a list into prompt.scene (one); keyframe.image is one into a list.
            assertThat(codes(validate(film().build()))).doesNotContain(ProblemCodes.INCOMPATIBLE_PORTS);
        }

        @Test
        void imageFeedsReference() {
            Graph graph = film().node("hero", "model.image").connect("prompt.prompt", "hero.prompt")
                    .connect("hero.image", "keyframe.reference").build();

            assertThat(validate(graph)).isEmpty();
        }
    }

    @Nested
    class NodeTypes {

        @Test
        void unknownTypeIsReportedAsPlaceholder() {
            Graph graph = film().node("mystery", "future.kind").build();

            assertThat(validate(graph)).containsExactly(Problem.error(
                    ProblemCodes.UNKNOWN_NODE_TYPE, "Node type \"future.kind\" is unknown to this "
                            + "Reelgraph. The node is kept as a placeholder with its params and "
                            + "connections, but the graph cannot run until the type is available "
                            + "or the node is removed", id("mystery")));
        }

        @Test
        void newerTypeVersionIsReported() {
            Graph graph = film().build().withNode(new Node(id("keyframe"), "model.image", 2,
                    film().build().requireNode(id("keyframe")).params(),
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));

            List<Problem> problems = validate(graph);

            assertThat(codes(problems)).containsExactly(ProblemCodes.NEWER_NODE_TYPE_VERSION);
            assertThat(problems.get(0).message()).isEqualTo("The node was saved with version 2 "
                    + "of type \"model.image\", but this Reelgraph has version 1; update "
                    + "Reelgraph to run it");
        }
    }

    @Nested
    class Ports {

        @Test
        void unknownInputPortListsInputs() {
            Graph graph = film().connect("prompt.prompt", "keyframe.negative").build();

            assertThat(validate(graph)).containsExactly(Problem.error(
                    ProblemCodes.UNKNOWN_INPUT_PORT, "Type \"model.image\" has no input "
                            + "\"negative\"; its inputs are prompt, reference", id("keyframe"),
                    "negative"));
        }

        @Test
        void unknownOutputPortListsOutputs() {
            Graph graph = film().node("hero", "model.image").connect("prompt.prompt", "hero.prompt")
                    .connect("hero.mask", "keyframe.reference").build();

            assertThat(validate(graph)).containsExactly(Problem.error(
                    ProblemCodes.UNKNOWN_OUTPUT_PORT, "Type \"model.image\" has no output "
                            + "\"mask\"; its outputs are image", id("hero"), "mask"));
        }

        @Test
        void incompatiblePortsNameBothTypes() {
            Graph graph = graph("g").node("script", "script.fountain", "file", "a")
                    .node("keyframe", "model.image").connect("script.scenes", "keyframe.prompt")
                    .build();

            assertThat(validate(graph)).containsExactly(Problem.error(
                    ProblemCodes.INCOMPATIBLE_PORTS, "Output script.scenes carries Scene, but "
                            + "input \"prompt\" takes Prompt; connect an output of type Prompt",
                    id("keyframe"), "prompt"));
        }

        @Test
        void inputConnectedTwiceNamesSources() {
            Graph graph = film().node("prompt2", "prompt.template", "template", "x")
                    .connect("script.scenes", "prompt2.scene")
                    .connect("prompt2.prompt", "keyframe.prompt").build();

            assertThat(validate(graph)).containsExactly(Problem.error(
                    ProblemCodes.INPUT_CONNECTED_TWICE, "Input \"prompt\" has 2 connections, "
                            + "from prompt.prompt, prompt2.prompt; a one-value input takes one "
                            + "connection, so remove all but one", id("keyframe"), "prompt"));
        }

        @Test
        void missingRequiredInputIsReported() {
            Graph graph = graph("g").node("keyframe", "model.image").build();

            assertThat(validate(graph)).containsExactly(Problem.error(
                    ProblemCodes.MISSING_INPUT, "Required input \"prompt\" (Prompt) has no "
                            + "connection; connect an output of type Prompt", id("keyframe"),
                    "prompt"));
        }

        @Test
        void connectionToAbsentNodeIsReported() {
            Graph graph = film().build().withConnection(
                    io.reelgraph.engine.graph.Connection.of("ghost", "image", "cut", "clips"));

            assertThat(codes(validate(graph))).containsExactly(ProblemCodes.MISSING_NODE);
        }

        @Test
        void listInputTakesSeveralConnections() {
            Graph graph = film().node("keyframe2", "model.image")
                    .connect("prompt.prompt", "keyframe2.prompt")
                    .connect("keyframe2.image", "cut.clips").build();

            assertThat(validate(graph)).isEmpty();
        }
    }

    @Nested
    class Params {

        @Test
        void missingRequiredParamIsReported() {
            Graph graph = film().build().withNode(Node.of("prompt", "prompt.template", 1));

            assertThat(validate(graph)).containsExactly(Problem.error(ProblemCodes.MISSING_PARAM,
                    "Required param \"template\" is not set; set it in the node's params",
                    id("prompt")));
        }

        @Test
        void invalidParamUsesSpecMessage() {
            Graph graph = film().build().withParam(id("keyframe"), "width",
                    com.fasterxml.jackson.databind.node.IntNode.valueOf(12));

            assertThat(validate(graph)).containsExactly(Problem.error(ProblemCodes.INVALID_PARAM,
                    "Param \"width\" must be at least 64 px, got 12", id("keyframe")));
        }

        @Test
        void unknownParamIsWarning() {
            Graph graph = film().build().withParam(id("cut"), "fps",
                    com.fasterxml.jackson.databind.node.IntNode.valueOf(24));

            List<Problem> problems = validate(graph);

            assertThat(problems).containsExactly(Problem.warning(ProblemCodes.UNKNOWN_PARAM,
                    "Param \"fps\" is not a param of type \"cut.timeline\" and is ignored; its "
                            + "params are []", id("cut"), null));
            assertThat(problems.get(0).isError()).isFalse();
        }

        @Test
        void unknownGraphParameterIsReported() {
            Graph graph = film().build().withParam(id("script"), "file",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf("$screenplay"));

            assertThat(validate(graph)).containsExactly(Problem.error(
                    ProblemCodes.UNKNOWN_GRAPH_PARAMETER, "Param \"file\" refers to graph "
                            + "parameter \"screenplay\", which the graph does not define (the "
                            + "graph has no parameters); define it, or write \"$$screenplay\" for "
                            + "the literal text \"$screenplay\"", id("script")));
        }

        @Test
        void boundGraphParameterIsCheckedAgainstSpec() throws BindingException {
            Graph graph = film().parameter("width", Kind.INTEGER, 32).build()
                    .withParam(id("keyframe"), "width",
                            com.fasterxml.jackson.databind.node.TextNode.valueOf("$width"));

            List<Problem> problems = GraphValidator.validate(graph, REGISTRY,
                    Bindings.of(graph, Map.of()), FILES);

            assertThat(problems).containsExactly(Problem.error(ProblemCodes.INVALID_PARAM,
                    "Param \"width\" (from graph parameter \"width\") must be at least 64 px, got 32",
                    id("keyframe")));
        }

        @Test
        void unboundGraphParameterIsReported() {
            Graph graph = film().parameter("src", Kind.FILE, "a.fountain").build()
                    .withParam(id("script"), "file",
                            com.fasterxml.jackson.databind.node.TextNode.valueOf("$src"));

            assertThat(codes(validate(graph))).containsExactly(ProblemCodes.UNBOUND_GRAPH_PARAMETER);
        }

        @Test
        void nodeTypeCheckRunsOnValidParams() {
            Graph graph = film().build().withParam(id("keyframe"), "width",
                    com.fasterxml.jackson.databind.node.IntNode.valueOf(999));

            assertThat(validate(graph)).containsExactly(
                    Problem.error("UNSUPPORTED_SIZE", "Width 999 is not offered", id("keyframe")));
        }

        @Test
        void nodeTypeCheckThatThrowsIsReported() {
            FakeNodeType broken = STEP.withCheck(input -> {
                throw new IllegalStateException("boom");
            });
            Graph graph = graph("g").node("a", "util.step").build();

            List<Problem> problems = GraphValidator.validate(graph,
                    NodeTypeRegistry.of(List.of(broken)), Bindings.empty(), FILES);

            assertThat(codes(problems)).containsExactly(ProblemCodes.NODE_TYPE_CHECK_FAILED);
            assertThat(problems.get(0).message()).contains("java.lang.IllegalStateException: boom");
        }
    }

    @Nested
    class Cycles {

        @Test
        void cycleNamesItsNodesInOrder() {
            Graph graph = graph("g").node("c", "util.step").node("a", "util.step")
                    .node("b", "util.step").node("tail", "util.step")
                    .connect("a.out", "b.in").connect("b.out", "c.in").connect("c.out", "a.in")
                    .connect("c.out", "tail.in").build();

            assertThat(validate(graph)).containsExactly(Problem.error(ProblemCodes.CYCLE,
                    "Connections form a loop: a -> b -> c -> a; a graph must not feed a node its "
                            + "own output, so remove one of these connections", id("a")));
        }

        @Test
        void eachSeparateCycleIsReported() {
            Graph graph = graph("g").node("a", "util.step").node("b", "util.step")
                    .node("x", "util.step").node("y", "util.step")
                    .connect("a.out", "b.in").connect("b.out", "a.in")
                    .connect("x.out", "y.in").connect("y.out", "x.in").build();

            List<Problem> problems = validate(graph);

            assertThat(problems).extracting(Problem::message).containsExactly(
                    "Connections form a loop: a -> b -> a; a graph must not feed a node its own "
                            + "output, so remove one of these connections",
                    "Connections form a loop: x -> y -> x; a graph must not feed a node its own "
                            + "output, so remove one of these connections");
        }

        @Test
        void selfLoopIsReported() {
            Graph graph = graph("g").node("a", "util.step").connect("a.out", "a.in").build();

            assertThat(validate(graph)).extracting(Problem::message).containsExactly(
                    "Connections form a loop: a -> a; a graph must not feed a node its own "
                            + "output, so remove one of these connections");
        }

        @Test
        void topologicalOrderIsDeterministic() {
            Graph graph = graph("g").node("z", "util.step").node("m", "util.step")
                    .node("a", "util.step").node("b", "util.step")
                    .connect("z.out", "a.in").connect("m.out", "b.in").build();

            assertThat(GraphValidator.topologicalOrder(graph))
                    .containsExactly(id("m"), id("b"), id("z"), id("a"));
        }

        @Test
        void topologicalOrderRejectsLoops() {
            Graph graph = graph("g").node("a", "util.step").node("b", "util.step")
                    .connect("a.out", "b.in").connect("b.out", "a.in").build();

            assertThatThrownBy(() -> GraphValidator.topologicalOrder(graph))
                    .hasMessageContaining("connections form a loop: a -> b -> a");
        }

        @Test
        void longChainNeedsNoDeepStack() {
            TestGraphs builder = graph("chain");
            for (int i = 0; i < 100_000; i++) {
                builder.node(String.format("n%06d", i), "util.step");
                if (i > 0) {
                    builder.connect(String.format("n%06d", i - 1) + ".out",
                            String.format("n%06d", i) + ".in");
                }
            }
            builder.connect("n099999.out", "n000000.in");

            List<Problem> problems = validate(builder.build());

            assertThat(codes(problems)).containsExactly(ProblemCodes.CYCLE);
            assertThat(problems.get(0).message()).startsWith("Connections form a loop: n000000 -> "
                    + "n000001 -> ");
        }
    }

    @Nested
    class RootCausesOnly {

        @Test
        void connectionsOfUnknownTypeAreNotPortChecked() {
            Graph graph = graph("g").node("mystery", "future.kind")
                    .node("keyframe", "model.image").node("cut", "cut.timeline")
                    .connect("mystery.anything", "keyframe.prompt")
                    .connect("keyframe.image", "cut.clips").build();

            assertThat(codes(validate(graph))).containsExactly(ProblemCodes.UNKNOWN_NODE_TYPE);
        }

        @Test
        void downstreamOfInvalidNodeGetsNoError() {
            Graph graph = film().build().withNode(Node.of("prompt", "prompt.template", 1));

            List<Problem> problems = validate(graph);

            assertThat(problems).extracting(Problem::node).containsOnly(Optional.of(id("prompt")));
        }

        @Test
        void invalidParamSkipsNodeTypeCheck() {
            FakeNodeType strict = STEP.withCheck(input -> List.of(
                    Problem.error("ALWAYS", "always", input.node())));
            FakeNodeType typed = new FakeNodeType("util.typed", 1, List.of(), List.of(),
                    List.of(ParamSpec.builder("n", ParamKind.INTEGER).build()),
                    strict.check());
            Graph graph = graph("g").node("a", "util.typed", "n", "x").build();

            List<Problem> problems = GraphValidator.validate(graph,
                    NodeTypeRegistry.of(List.of(typed)), Bindings.empty(), FILES);

            assertThat(codes(problems)).containsExactly(ProblemCodes.INVALID_PARAM);
        }

        @Test
        void everyProblemIsReturnedAtOnce() {
            Graph graph = graph("g").node("mystery", "future.kind")
                    .node("keyframe", "model.image", "width", 1, "seed", 3)
                    .node("prompt", "prompt.template")
                    .connect("prompt.prompt", "keyframe.prompt").build();

            assertThat(codes(validate(graph))).containsExactly(ProblemCodes.UNKNOWN_NODE_TYPE,
                    ProblemCodes.UNKNOWN_PARAM, ProblemCodes.INVALID_PARAM,
                    ProblemCodes.MISSING_INPUT, ProblemCodes.MISSING_PARAM);
        }
    }

    @Nested
    class Endpoints {

        private static final String ATTACKER = "http://127.0.0.1:9/v1";

        @Test
        void endpointParamIsError() {
            Graph graph = film().build().withParam(id("keyframe"), "baseUrl",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf(ATTACKER));

            List<Problem> problems = validate(graph);

            assertThat(problems).containsExactly(Problem.error(ProblemCodes.ENDPOINT_IN_GRAPH,
                    "Param \"baseUrl\" sets an address (" + ATTACKER + "), but a graph file"
                            + " cannot choose where requests go: provider base URLs come from"
                            + " the model catalog and settings only. Remove it from the graph"
                            + " file", id("keyframe")));
        }

        @Test
        void urlValueOfUnknownParamIsError() {
            Graph graph = film().build().withParam(id("keyframe"), "relay",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf("wss://example.test"));

            assertThat(codes(validate(graph))).containsExactly(ProblemCodes.ENDPOINT_IN_GRAPH);
        }

        @Test
        void nestedEndpointInUnknownParamIsError() throws Exception {
            Graph graph = film().build().withParam(id("keyframe"), "options",
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                            "{\"provider\": {\"api_base\": \"10.0.0.1\"}}"));

            List<Problem> problems = validate(graph);

            assertThat(codes(problems)).containsExactly(ProblemCodes.ENDPOINT_IN_GRAPH);
            assertThat(problems.get(0).message()).startsWith("Param \"options\" member"
                    + " \"provider\" member \"api_base\" sets an address (10.0.0.1)");
        }

        @Test
        void topLevelAndNodeMembersAreErrors() throws Exception {
            Graph graph = io.reelgraph.engine.file.GraphFile.parse("""
                    {"format": "reelgraph", "version": 1, "name": "g",
                     "providers": {"fal": {"endpoint": "http://127.0.0.1:9"}},
                     "nodes": [{"id": "step", "type": "util.step", "typeVersion": 1,
                                "params": {}, "proxy": "127.0.0.1:9"}],
                     "connections": []}
                    """, "g.reelgraph");

            List<Problem> problems = validate(graph);

            assertThat(codes(problems)).containsExactly(ProblemCodes.ENDPOINT_IN_GRAPH,
                    ProblemCodes.ENDPOINT_IN_GRAPH);
            assertThat(problems.get(0).node()).isEmpty();
            assertThat(problems.get(0).message()).startsWith("Graph file member \"providers\""
                    + " member \"fal\" member \"endpoint\" sets an address");
            assertThat(problems.get(1).node()).contains(id("step"));
            assertThat(problems.get(1).message()).startsWith("Node member \"proxy\"");
        }

        @Test
        void urlInDefinedParamIsAllowed() {
            Graph graph = film().build().withParam(id("prompt"), "template",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf("https://x.test/{a}"));

            assertThat(codes(validate(graph))).doesNotContain(ProblemCodes.ENDPOINT_IN_GRAPH);
        }
    }

    @Nested
    class Secrets {

        private static final String KEY = "sk-proj-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        @Test
        void keyInAParamIsAnErrorThatMasksIt() {
            Graph graph = graph("leak")
                    .node("step", "util.step")
                    .node("prompt", "prompt.template", "template", "a cat, " + KEY)
                    .build();

            List<Problem> problems = validate(graph);

            List<Problem> secrets = problems.stream()
                    .filter(problem -> problem.code().equals(ProblemCodes.SECRET_IN_GRAPH))
                    .toList();
            assertThat(secrets).hasSize(1);
            assertThat(secrets.get(0).node()).contains(id("prompt"));
            assertThat(secrets.get(0).message()).startsWith("param template contains what looks"
                    + " like an API key (sk-proj-…AAAA)");
            assertThat(problems).extracting(Problem::message)
                    .noneMatch(message -> message.contains(KEY));
        }

        @Test
        void problemMessagesNeverQuoteAKey() {
            Problem problem = Problem.error("X", "model \"" + KEY + "\" is unknown", id("n"));

            assertThat(problem.message()).isEqualTo("model \"sk-proj-…AAAA\" is unknown");
        }

        @Test
        void ordinaryPromptWordsPass() {
            Graph graph = graph("fine")
                    .node("prompt", "prompt.template", "template",
                            "sk-8mm-film-look-with-grain, key_light warm, r8_style")
                    .build();

            assertThat(validate(graph)).extracting(Problem::code)
                    .doesNotContain(ProblemCodes.SECRET_IN_GRAPH);
        }
    }

    @Nested
    class Subgraphs {

        @Test
        void unknownExposedParamReportedOnMember() {
            Graph graph = film().build().withSubgraph(Subgraph.of(
                    "look", "Look", List.of(NodeId.of("keyframe"), NodeId.of("prompt")))
                    .withExposed("size", ExposedParam.of("keyframe",
                            "size")));

            assertThat(validate(graph)).containsExactly(Problem.error(
                    ProblemCodes.UNKNOWN_EXPOSED_PARAM, "Subgraph look exposes \"size\" as param"
                            + " \"size\" of this node, but type \"model.image\" has no such"
                            + " param; its params are [width]. Expose one of them or remove the"
                            + " exposed param", NodeId.of("keyframe")));
        }

        @Test
        void exposedParamOfTypeIsValid() {
            Graph graph = film().build().withSubgraph(Subgraph.of(
                    "look", "Look", List.of(NodeId.of("keyframe")))
                    .withExposed("width", ExposedParam.of("keyframe",
                            "width")));

            assertThat(validate(graph)).isEmpty();
        }
    }
}
