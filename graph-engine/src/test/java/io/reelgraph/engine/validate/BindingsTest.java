package io.reelgraph.engine.validate;

import static io.reelgraph.engine.testing.TestGraphs.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.GraphParameter.Kind;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.testing.FakeNodeType;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.ParamSpec.ParamKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BindingsTest {

    private final Graph graph = graph("Night market")
            .parameter("script", Kind.FILE, "night-market.fountain")
            .parameter("fps", Kind.NUMBER, new BigDecimal("23.976"))
            .parameter("seed", Kind.INTEGER, 7)
            .parameter("draft", Kind.BOOLEAN, true)
            .parameter("style", Kind.STRING, null)
            .build();

    private static BindingException failure(Graph graph, Map<String, String> overrides) {
        try {
            Bindings.of(graph, overrides);
        } catch (BindingException e) {
            return e;
        }
        throw new AssertionError("Expected binding to fail for " + overrides);
    }

    @Nested
    class Binding {

        @Test
        void defaultsAndOverridesAreBound() throws BindingException {
            Bindings bindings = Bindings.of(graph, Map.of("style", "noir", "seed", "42"));

            assertThat(bindings.value("script")).contains(TextNode.valueOf("night-market.fountain"));
            assertThat(bindings.value("style")).contains(TextNode.valueOf("noir"));
            assertThat(bindings.value("seed").orElseThrow().intValue()).isEqualTo(42);
            assertThat(bindings.value("seed").orElseThrow().isIntegralNumber()).isTrue();
            assertThat(bindings.value("draft").orElseThrow().booleanValue()).isTrue();
        }

        @Test
        void numbersStayExactDecimals() throws BindingException {
            Bindings bindings = Bindings.of(graph, Map.of("style", "x", "fps", "29.970"));

            assertThat(bindings.value("fps").orElseThrow().decimalValue())
                    .isEqualTo(new BigDecimal("29.970"));
        }

        @Test
        void booleansConvert() throws BindingException {
            Bindings bindings = Bindings.of(graph, Map.of("style", "x", "draft", "false"));

            assertThat(bindings.value("draft").orElseThrow().booleanValue()).isFalse();
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownOverrideListsKnownParameters() {
            BindingException e = failure(graph, Map.of("style", "x", "sceen", "3"));

            assertThat(e.problems()).containsExactly("Graph \"Night market\" has no parameter "
                    + "\"sceen\"; its parameters are script, fps, seed, draft, style");
        }

        @Test
        void unknownOverrideOnGraphWithoutParameters() {
            BindingException e = failure(graph("Empty").build(), Map.of("x", "1"));

            assertThat(e.problems()).containsExactly(
                    "Graph \"Empty\" has no parameter \"x\"; the graph has no parameters");
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            BindingException e = failure(graph,
                    Map.of("seed", "seven", "fps", "fast", "draft", "yes", "nope", "1"));

            assertThat(e.problems()).containsExactly(
                    "Graph \"Night market\" has no parameter \"nope\"; its parameters are "
                            + "script, fps, seed, draft, style",
                    "Value \"fast\" for graph parameter \"fps\" is invalid: it must be a number",
                    "Value \"seven\" for graph parameter \"seed\" is invalid: it must be a whole "
                            + "number",
                    "Value \"yes\" for graph parameter \"draft\" is invalid: it must be true or "
                            + "false",
                    "Graph parameter \"style\" has no default and no value; set it with --set "
                            + "style=VALUE");
        }

        @Test
        void blankFileIsInvalid() {
            BindingException e = failure(graph, Map.of("style", "x", "script", " "));

            assertThat(e.problems()).containsExactly("Value \" \" for graph parameter \"script\""
                    + " is invalid: it must be a file path relative to the graph file");
        }
    }

    @Nested
    class Resolving {

        private final FakeNodeType type = FakeNodeType.of("prompt.template", List.of(), List.of(),
                List.of(ParamSpec.builder("file", ParamKind.FILE).build(),
                        ParamSpec.builder("template", ParamKind.TEXT).build(),
                        ParamSpec.builder("seed", ParamKind.INTEGER)
                                .defaultValue(JsonNodeFactory.instance.numberNode(1)).build(),
                        ParamSpec.builder("cost", ParamKind.TEXT).build()));

        @Test
        void referencesEscapesDefaultsAndUnknownParams() throws BindingException {
            ObjectNode params = JsonNodeFactory.instance.objectNode()
                    .put("file", "$script")
                    .put("template", "$$script")
                    .put("cost", "costs $5 per $script")
                    .put("unknown", "dropped");
            Node node = Node.of("p", "prompt.template", 1).withParams(params);

            ObjectNode resolved = ParamResolver.resolve(node, type,
                    Bindings.of(graph, Map.of("style", "x")));

            assertThat(resolved.toString()).isEqualTo("{\"file\":\"night-market.fountain\","
                    + "\"template\":\"$script\",\"seed\":1,\"cost\":\"costs $5 per $script\"}");
        }

        @Test
        void unboundReferenceThrows() {
            Node node = Node.of("p", "prompt.template", 1)
                    .withParam("file", TextNode.valueOf("$missing"));

            assertThatThrownBy(() -> ParamResolver.resolve(node, type, Bindings.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("graph parameter \"missing\", which has no bound value");
        }

        @Test
        void referenceNeedsValidName() {
            assertThat(ParamResolver.reference(TextNode.valueOf("$script"))).contains("script");
            assertThat(ParamResolver.reference(TextNode.valueOf("$$script"))).isEmpty();
            assertThat(ParamResolver.reference(TextNode.valueOf("$ 5"))).isEmpty();
            assertThat(ParamResolver.reference(TextNode.valueOf("$"))).isEmpty();
            assertThat(ParamResolver.reference(JsonNodeFactory.instance.numberNode(5))).isEmpty();
        }
    }
}
