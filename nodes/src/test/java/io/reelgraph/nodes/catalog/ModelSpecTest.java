package io.reelgraph.nodes.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static ModelCatalog catalog;

    @BeforeAll
    static void loadBundled() throws CatalogException {
        catalog = ModelCatalog.load();
    }

    private static ModelSpec kling() {
        return catalog.find("fal/fal-ai/kling-video/v2.5-turbo/pro/image-to-video").orElseThrow();
    }

    @Nested
    class ValidateParams {

        @Test
        void durationOutsideAllowedValues() {
            assertThat(kling().validateParams(Map.of("duration", JSON.numberNode(7))))
                    .containsExactly("duration must be one of [5, 10], got 7");
        }

        @Test
        void validValuesGiveNoProblems() {
            Map<String, JsonNode> values = Map.of("duration", JSON.numberNode(10),
                    "cfg_scale", JSON.numberNode(new BigDecimal("0.25")));
            assertThat(kling().validateParams(values)).isEmpty();
        }

        @Test
        void everyProblemIsListed() {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            values.put("duration", JSON.textNode("5"));
            values.put("cfg_scale", JSON.numberNode(2));
            values.put("colour", JSON.textNode("red"));
            assertThat(kling().validateParams(values)).containsExactly(
                    "duration must be an integer, got \"5\"",
                    "cfg_scale must be at most 1, got 2",
                    "unknown param colour for model"
                            + " fal/fal-ai/kling-video/v2.5-turbo/pro/image-to-video;"
                            + " known params: [duration, negative_prompt, cfg_scale]");
        }

        @Test
        void enumValueNotInList() {
            ModelSpec dallE3 = catalog.find("openai/dall-e-3").orElseThrow();
            assertThat(dallE3.validateParams(Map.of("quality", JSON.textNode("ultra"))))
                    .containsExactly("quality must be one of [standard, hd], got \"ultra\"");
        }

        @Test
        void numberBelowMinimum() {
            ModelSpec tts = catalog.find("openai/tts-1").orElseThrow();
            assertThat(tts.validateParams(Map.of("speed", JSON.numberNode(new BigDecimal("0.1")))))
                    .containsExactly("speed must be at least 0.25, got 0.1");
        }

        @Test
        void requiredParamMissing() {
            ModelSpec eleven = catalog.find("elevenlabs/eleven_flash_v2_5").orElseThrow();
            assertThat(eleven.validateParams(Map.of()))
                    .containsExactly("voice is required for model elevenlabs/eleven_flash_v2_5");
        }

        @Test
        void booleanKindChecked() {
            ModelSpec veo = catalog.find("fal/fal-ai/veo3.1").orElseThrow();
            assertThat(veo.validateParams(Map.of("generate_audio", JSON.textNode("yes"))))
                    .containsExactly("generate_audio must be true or false, got \"yes\"");
        }
    }

    @Nested
    class CompleteUsage {

        @Test
        void explicitUsageWinsOverDefaults() {
            Usage completed = kling().completeUsage(Usage.seconds("10"));
            assertThat(completed.seconds()).isEqualByComparingTo("10");
        }

        @Test
        void chosenParamFillsSeconds() {
            Usage completed = kling().completeUsage(Usage.one().withParam("duration", "10"));
            assertThat(completed.seconds()).isEqualByComparingTo("10");
        }

        @Test
        void countParamOverridesOnlyWhenChosen() {
            ModelSpec flux = catalog.find("fal/fal-ai/flux/dev").orElseThrow();
            assertThat(flux.completeUsage(Usage.images(3)).count()).isEqualTo(3);
            assertThat(flux.completeUsage(Usage.one().withParam("num_images", "4")).count())
                    .isEqualTo(4);
        }

        @Test
        void defaultsFillTableParams() {
            Usage completed = catalog.find("openai/dall-e-3").orElseThrow()
                    .completeUsage(Usage.one());
            assertThat(completed.params()).containsEntry("quality", "standard")
                    .containsEntry("size", "1024x1024");
        }
    }
}
