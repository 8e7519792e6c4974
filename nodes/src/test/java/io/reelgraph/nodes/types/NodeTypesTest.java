package io.reelgraph.nodes.types;

import static io.reelgraph.engine.testing.GraphBuilder.graph;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.engine.cache.InMemoryResultCache;
import io.reelgraph.engine.file.FolderFileAccess;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.EvaluationContext;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.validate.Bindings;
import io.reelgraph.engine.validate.GraphValidator;
import io.reelgraph.engine.validate.ParamResolver;
import io.reelgraph.engine.validate.Problem;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.Providers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTypesTest {

    private static final String SCRIPT = """
            Title: Two Rooms

            INT. KITCHEN - NIGHT

            Steam fogs the window. ANNA stirs a pot.

            ANNA
            It needs salt.

            EXT. GARDEN - DAY

            Bees drift over the beans. TOM kneels in the dirt.

            TOM
            Come and look.

            ANNA (O.S.)
            In a minute!
            """;

    @TempDir
    Path folder;

    private NodeTypeRegistry types;
    private Engine engine;

    @BeforeEach
    void setUp() throws Exception {
        types = StandardNodeTypes.registry(ModelCatalog.load(), Providers.builtIn());
        engine = new Engine(types, new InMemoryResultCache());
        Files.writeString(folder.resolve("two-rooms.fountain"), SCRIPT, StandardCharsets.UTF_8);
    }

    private Graph storyboard(String imageModel) {
        return graph("two rooms")
                .node("script", "script.fountain", "file", "two-rooms.fountain")
                .node("prompt", "prompt.template", "style", "noir")
                .node("image", "model.image", "model", imageModel, "width", 320, "height", 180)
                .node("clip", "model.video", "model", "draft/video", "duration", 1,
                        "width", 320, "height", 180)
                .node("speech", "model.speech", "model", "draft/speech")
                .node("cut", "cut.timeline", "name", "Two Rooms")
                .connect("script.scenes", "prompt.scene")
                .connect("prompt.prompt", "image.prompt")
                .connect("image.image", "clip.image")
                .connect("script.dialogue", "speech.line")
                .connect("script.scenes", "cut.scenes")
                .connect("clip.video", "cut.shots")
                .connect("image.image", "cut.stills")
                .connect("speech.audio", "cut.dialogue")
                .build();
    }

    private EvaluationContext context(boolean draft) {
        Bindings bindings = Bindings.empty();
        return new EvaluationContext("test", (node, type) -> ParamResolver.resolve(node, type,
                bindings), FolderFileAccess.of(folder), folder.resolve("out"), draft, Map.of());
    }

    private List<Problem> validate(Graph graph) {
        return GraphValidator.validate(graph, types, Bindings.empty(), FolderFileAccess.of(folder));
    }

    private static List<PlannedItem> items(List<PlannedItem> items, String node) {
        return items.stream().filter(item -> item.node().equals(NodeId.of(node))).toList();
    }

    @Nested
    class Storyboard {

        @Test
        void draftRunWritesTheCutAndItsMedia() throws Exception {
            Graph graph = storyboard("draft/image");
            assertThat(validate(graph)).isEmpty();

            RunResult result = engine.session(context(false)).run(graph, RunOptions.DEFAULT,
                    RunListener.NONE, new RunControl());

            assertThat(result.failures()).isEmpty();
            assertThat(result.draft()).isTrue();
            assertThat(items(result.items(), "speech")).extracting(PlannedItem::itemKey)
                    .containsExactly("scene-1/line-1", "scene-2/line-1", "scene-2/line-2");
            Path cut = folder.resolve("out/cut");
            assertThat(cut.resolve("two-rooms.fcpxml")).exists();
            assertThat(Files.readString(cut.resolve("two-rooms.edl"))).contains("DRAFT CUT");
            assertThat(cut.resolve("media/scene-1.mp4")).exists();
            assertThat(cut.resolve("media/scene-2_line-2.wav")).exists();
            assertThat(Files.readString(cut.resolve("two-rooms.fcpxml")))
                    .contains("src=\"file://" + cut.resolve("media/scene-1.mp4").toAbsolutePath());
        }

        @Test
        void editingOneSceneRegeneratesOnlyThatScene() throws Exception {
            Graph graph = storyboard("draft/image");
            engine.session(context(false)).run(graph, RunOptions.DEFAULT, RunListener.NONE,
                    new RunControl());
            Files.writeString(folder.resolve("two-rooms.fountain"),
                    SCRIPT.replace("Bees drift", "Wasps drift"), StandardCharsets.UTF_8);

            RunResult again = engine.session(context(false)).run(graph, RunOptions.DEFAULT,
                    RunListener.NONE, new RunControl());

            assertThat(items(again.items(), "image")).extracting(PlannedItem::state)
                    .containsExactly(ItemState.CACHED, ItemState.EXECUTED);
            assertThat(items(again.items(), "clip")).extracting(PlannedItem::state)
                    .containsExactly(ItemState.CACHED, ItemState.EXECUTED);
            assertThat(items(again.items(), "speech")).extracting(PlannedItem::state)
                    .containsOnly(ItemState.CACHED);
            assertThat(items(again.items(), "cut")).extracting(PlannedItem::state)
                    .containsExactly(ItemState.EXECUTED);
        }

        @Test
        void realModelIsProjectedFromTheCatalogAndDraftModeCostsNothing() {
            Graph graph = storyboard("fal/fal-ai/flux/dev");

            Plan real = engine.session(context(false)).plan(graph);
            Plan draft = engine.session(context(true)).plan(graph);

            // 320 x 180 is 0.0576 megapixels at $0.025 per megapixel.
            assertThat(items(real.items(), "image").get(0).projectedUsd())
                    .isEqualByComparingTo("0.00144");
            assertThat(items(real.items(), "image").get(0).provider()).isEqualTo("fal");
            assertThat(draft.projection().totalUsd()).isEqualByComparingTo("0");
            assertThat(items(draft.items(), "image").get(0).provider()).isEqualTo("draft");
            assertThat(items(draft.items(), "image").get(0).key())
                    .isNotEqualTo(items(real.items(), "image").get(0).key());
        }

        @Test
        void realProviderWithoutAdapterFailsWithAClearMessage() {
            RunResult result = engine.session(context(false)).run(storyboard("fal/fal-ai/flux/dev"),
                    RunOptions.DEFAULT, RunListener.NONE, new RunControl());

            assertThat(items(result.items(), "image").get(0).error()).contains("Model"
                    + " fal/fal-ai/flux/dev runs on provider fal, which this build of Reelgraph"
                    + " cannot call yet; run with --draft to use the free draft provider instead");
            assertThat(items(result.items(), "clip")).extracting(PlannedItem::state)
                    .containsOnly(ItemState.SKIPPED);
        }
    }

    @Nested
    class Validation {

        @Test
        void unknownModelIsFlaggedNotReplaced() {
            List<Problem> problems = validate(storyboard("acme/imaginary-model"));

            assertThat(problems).extracting(Problem::code).containsExactly("UNKNOWN_MODEL");
            assertThat(problems.get(0).node()).contains(NodeId.of("image"));
        }

        @Test
        void modelOfTheWrongKindIsAnError() {
            List<Problem> problems = validate(storyboard("draft/video"));

            assertThat(problems).extracting(Problem::code).containsExactly("WRONG_MODALITY");
            assertThat(problems.get(0).message())
                    .isEqualTo("model draft/video makes video, but this node needs an image model");
        }

        @Test
        void unknownTemplateFieldIsAnError() {
            Graph graph = storyboard("draft/image").withParam(NodeId.of("prompt"), "template",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf("{scene.mood} at night"));

            List<Problem> problems = validate(graph);

            assertThat(problems).extracting(Problem::code)
                    .containsExactly("UNKNOWN_TEMPLATE_FIELD");
            assertThat(problems.get(0).message()).startsWith("template uses {scene.mood}");
        }

        @Test
        void malformedVoicesLineIsAnError() {
            Graph graph = storyboard("draft/image").withParam(NodeId.of("speech"), "voices",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf("ANNA=alto\nTOM"));

            List<Problem> problems = validate(graph);

            assertThat(problems).extracting(Problem::message)
                    .containsExactly("voices line 2 \"TOM\" must look like CHARACTER=voice");
        }
    }

    @Nested
    class Voices {

        @Test
        void voicesAreKeyedByUpperCaseCharacter() {
            assertThat(SpeechModelNode.voices("# cast\nanna = alto\n\nTOM=bass"))
                    .containsExactly(Map.entry("ANNA", "alto"), Map.entry("TOM", "bass"));
        }
    }

    @Nested
    class TextModel {

        private Graph assist(String model) {
            return graph("assist")
                    .node("script", "script.fountain", "file", "two-rooms.fountain")
                    .node("prompt", "prompt.template", "template", "{scene.heading}")
                    .node("assist", "model.text", "model", model, "instructions",
                            "x".repeat(40), "max_completion_tokens", 500)
                    .connect("script.scenes", "prompt.scene")
                    .connect("prompt.prompt", "assist.prompt")
                    .build();
        }

        @Test
        void projectionCountsPromptAndCap() {
            Plan plan = engine.session(context(false)).plan(assist("openai/gpt-4.1-mini"));

            List<PlannedItem> assist = items(plan.items(), "assist");
            assertThat(assist).extracting(PlannedItem::state)
                    .containsOnly(ItemState.WILL_RUN);
            // 40 + 20 characters of "INT. KITCHEN - NIGHT" = 15 tokens at $0.40/M, plus 500
            // output tokens at $1.60/M.
            assertThat(assist.get(0).projectedUsd()).isEqualByComparingTo("0.000806");
            // 40 + 17 characters of "EXT. GARDEN - DAY" = 57, so 15 tokens rounded up.
            assertThat(assist.get(1).projectedUsd()).isEqualByComparingTo("0.000806");
        }

        @Test
        void imageModelIsWrongModality() {
            assertThat(validate(assist("openai/gpt-image-1"))).extracting(Problem::code)
                    .containsExactly(ModelSupport.WRONG_MODALITY);
        }

        @Test
        void draftRunRepeatsPromptForFree() {
            RunResult result = engine.session(context(true)).run(
                    assist("openai/gpt-4.1-mini"), RunOptions.DEFAULT, RunListener.NONE,
                    new RunControl());

            assertThat(result.failures()).isEmpty();
            assertThat(result.draft()).isTrue();
            assertThat(result.actualUsd()).isEqualByComparingTo("0");
            List<PlannedItem> assist = items(result.items(), "assist");
            assertThat(assist).extracting(PlannedItem::state)
                    .containsOnly(ItemState.EXECUTED);
            String text = engine.cache().lookup(assist.get(0).key().orElseThrow()).orElseThrow()
                    .outputs().get("text").single().text();
            assertThat(text).isEqualTo("[draft draft/text, variation 0] INT. KITCHEN - NIGHT");
        }

        @Test
        void estimateRoundsTokensUp() {
            assertThat(TextModelNode.estimateTokens(0)).isZero();
            assertThat(TextModelNode.estimateTokens(1)).isEqualTo(1);
            assertThat(TextModelNode.estimateTokens(8)).isEqualTo(2);
            assertThat(TextModelNode.estimateTokens(9)).isEqualTo(3);
        }
    }
}
