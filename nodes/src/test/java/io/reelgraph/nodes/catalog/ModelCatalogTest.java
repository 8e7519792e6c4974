package io.reelgraph.nodes.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.artifact.JsonSupport;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

    private static ModelCatalog catalog;

    @BeforeAll
    static void loadBundled() throws CatalogException {
        catalog = ModelCatalog.load();
    }

    private static PriceEstimate estimate(String id, Usage usage) {
        return catalog.find(id).orElseThrow().estimate(usage);
    }

    @Nested
    class BundledCatalog {

        @Test
        void loadsEveryModelInTheFile() throws IOException {
            JsonNode raw;
            try (InputStream in = ModelCatalog.class.getResourceAsStream("models.json")) {
                raw = JsonSupport.MAPPER.readTree(in);
            }
            assertThat(catalog.models()).hasSize(raw.get("models").size());
            assertThat(catalog.models()).hasSize(81);
            assertThat(catalog.providers()).hasSize(raw.get("providers").size());
        }

        @Test
        void idsAreUnique() {
            Set<String> ids = new HashSet<>();
            List<String> repeated = new ArrayList<>();
            catalog.models().forEach(m -> {
                if (!ids.add(m.id())) {
                    repeated.add(m.id());
                }
            });
            assertThat(repeated).isEmpty();
        }

        @Test
        void everyPriceHasSourceAndDate() {
            Pattern date = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
            for (ModelSpec model : catalog.models()) {
                assertThat(model.price().source()).as(model.id()).isNotBlank();
                assertThat(model.price().asOf()).as(model.id()).matches(date);
            }
        }

        @Test
        void everyModelNamesAKnownProvider() {
            for (ModelSpec model : catalog.models()) {
                assertThat(catalog.provider(model.provider())).as(model.id()).isPresent();
            }
        }

        @Test
        void draftModelsCostExactlyZero() {
            List<ModelSpec> drafts = catalog.models().stream().filter(ModelSpec::isDraft).toList();
            assertThat(drafts).extracting(ModelSpec::id)
                    .containsExactly("draft/image", "draft/video", "draft/speech", "draft/text");
            for (ModelSpec draft : drafts) {
                PriceEstimate estimate = draft.estimate(Usage.images(4).withCharacters(5000));
                assertThat(estimate.usd()).as(draft.id()).isEqualByComparingTo("0");
            }
        }

        @Test
        void draftProviderNeedsNoKey() {
            assertThat(catalog.provider("draft").orElseThrow().needsKey()).isFalse();
            assertThat(catalog.provider("fal").orElseThrow().keyEnvironmentVariable())
                    .isEqualTo("FAL_KEY");
        }

        @Test
        void everyPaidModelEstimatesAboveZero() {
            Usage usage = Usage.one().withSize(1024, 1024).withSeconds(new BigDecimal("5"))
                    .withCharacters(1000).withInputTokens(1000);
            for (ModelSpec model : catalog.models()) {
                PriceEstimate estimate = model.estimate(usage);
                if (!model.isDraft()) {
                    assertThat(estimate.usd()).as(model.id()).isPositive();
                }
            }
        }

        @Test
        void findsByIdAndModality() {
            assertThat(catalog.find("fal/fal-ai/flux/dev")).isPresent();
            assertThat(catalog.find("openai/gpt-image-1").orElseThrow().apiModel())
                    .isEqualTo("gpt-image-1");
            assertThat(catalog.find("no/such-model")).isEmpty();
            assertThat(catalog.byModality(Modality.SPEECH)).extracting(ModelSpec::id)
                    .contains("elevenlabs/eleven_multilingual_v2", "draft/speech")
                    .doesNotContain("openai/gpt-image-1");
        }

        @Test
        void draftParamsMirrorRealOnes() {
            ModelSpec draftVideo = catalog.find("draft/video").orElseThrow();
            assertThat(draftVideo.modality()).isEqualTo(Modality.VIDEO);
            assertThat(draftVideo.inputs()).contains(ModelInput.IMAGE);
            assertThat(draftVideo.param("duration")).isPresent();
            assertThat(catalog.find("draft/image").orElseThrow().param("width")).isPresent();
            assertThat(catalog.find("draft/speech").orElseThrow().param("voice")).isPresent();
            assertThat(catalog.find("draft/text").orElseThrow().param("max_completion_tokens"))
                    .isPresent();
        }
    }

    @Nested
    class BundledPrices {

        @Test
        void smallAmountSurvivesLoadExactly() {
            PriceRule mini = catalog.find("openai/gpt-image-1-mini").orElseThrow().price();
            assertThat(mini.table().orElseThrow().usd().get("medium"))
                    .isEqualTo(new BigDecimal("0.008448"));
            PriceEstimate three = mini.estimate(Usage.images(3).withParam("quality", "medium"));
            assertThat(three.usd()).isEqualTo(new BigDecimal("0.025344"));
        }

        @Test
        void dallE3TableByQualityAndSize() {
            PriceEstimate estimate = estimate("openai/dall-e-3",
                    Usage.one().withParam("quality", "hd").withParam("size", "1792x1024"));
            assertThat(estimate.usd()).isEqualByComparingTo("0.12");
            assertThat(estimate.basis()).isEqualTo("1 image x $0.12 (quality hd, size 1792x1024)");
        }

        @Test
        void tableUsesParamDefaults() {
            PriceEstimate estimate = estimate("openai/dall-e-3", Usage.one());
            assertThat(estimate.usd()).isEqualByComparingTo("0.04");
        }

        @Test
        void videoLengthComesFromDurationDefault() {
            PriceEstimate estimate = estimate(
                    "fal/fal-ai/kling-video/v2.5-turbo/pro/image-to-video", Usage.one());
            assertThat(estimate.usd()).isEqualByComparingTo("0.35");
            assertThat(estimate.basis()).isEqualTo("5 s x $0.07/s");
        }

        @Test
        void megapixelSizeComesFromWidthAndHeight() {
            PriceEstimate estimate = estimate("fal/fal-ai/flux/dev", Usage.one()
                    .withParam("width", "1024").withParam("height", "1024"));
            assertThat(estimate.usd()).isEqualByComparingTo("0.0262144");
            assertThat(estimate.basis()).isEqualTo("1.05 MP x $0.025/MP");
        }

        @Test
        void musicLengthConvertsMilliseconds() {
            PriceEstimate estimate = estimate("elevenlabs/music_v1",
                    Usage.one().withParam("music_length_ms", "90000"));
            assertThat(estimate.usd()).isEqualByComparingTo("0.45");
        }

        @Test
        void speechPricedByCharacters() {
            PriceEstimate estimate = estimate("elevenlabs/eleven_multilingual_v2",
                    Usage.characters(312));
            assertThat(estimate.usd()).isEqualByComparingTo("0.0312");
        }

        @Test
        void textModelPricedByInputAndOutputTokens() {
            PriceEstimate estimate = estimate("openai/gpt-4.1-mini", Usage.tokens(500, 1200));
            // 500 x $0.40/M + 1200 x $1.60/M
            assertThat(estimate.usd()).isEqualByComparingTo("0.00212");
        }

        @Test
        void gptImageHasTokenPricesForActualCost() {
            PriceRule price = catalog.find("openai/gpt-image-1").orElseThrow().price();
            assertThat(price.tokenCost(12, 0, 1584))
                    .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("0.06342"));
        }

        @Test
        void elevenLabsHasCreditPrice() {
            PriceRule price = catalog.find("elevenlabs/eleven_flash_v2_5").orElseThrow().price();
            assertThat(price.creditCost(new java.math.BigDecimal("500")))
                    .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("0.05"));
        }

        @Test
        void lumaTableMatchesDraftClipPrices() {
            // The draft quotes about $0.71 for a 5 s 720p ray-2 clip and $6.37 at 4k.
            PriceEstimate hd = estimate("luma/ray-2", Usage.one().withParam("resolution", "720p"));
            assertThat(Money.format(hd.usd())).isEqualTo("$0.7078");
            PriceEstimate uhd = estimate("luma/ray-2", Usage.one().withParam("resolution", "4k"));
            assertThat(Money.format(uhd.usd())).isEqualTo("$6.37");
        }

        @Test
        void seedanceIsPricedPerSecond() {
            PriceEstimate estimate = estimate(
                    "fal/fal-ai/bytedance/seedance/v1.5/pro/image-to-video", Usage.one());
            assertThat(estimate.usd()).isEqualByComparingTo("0.26");
        }
    }

    @Nested
    class OverrideFile {

        @TempDir
        Path folder;

        @Test
        void replacesAndAddsModelsById() throws Exception {
            Path file = write(folder, "override.json", catalogWith(model("fal", "fal-ai/flux/dev",
                    "\"unit\": \"megapixel\", \"usd\": \"0.02\"") + ","
                    + model("fal", "fal-ai/new-model", "\"unit\": \"image\", \"usd\": 0.5")));

            ModelCatalog merged = ModelCatalog.load(file);

            assertThat(merged.models()).hasSize(catalog.models().size() + 1);
            assertThat(merged.find("fal/fal-ai/flux/dev").orElseThrow().price().usd())
                    .isEqualTo(new BigDecimal("0.02"));
            assertThat(merged.find("fal/fal-ai/new-model").orElseThrow().price().usd())
                    .isEqualTo(new BigDecimal("0.5"));
            assertThat(merged.find("openai/gpt-image-1")).isPresent();
        }

        @Test
        void numberAmountKeepsEveryDigit() throws Exception {
            // 21 significant digits: a double would keep about 17 of them.
            Path file = write(folder, "digits.json", catalogWith(model("fal", "fal-ai/precise",
                    "\"unit\": \"image\", \"usd\": 0.123456789012345678901")));

            PriceRule price = ModelCatalog.load(file).find("fal/fal-ai/precise").orElseThrow()
                    .price();

            assertThat(price.usd()).isEqualTo(new BigDecimal("0.123456789012345678901"));
            assertThat(price.estimate(Usage.images(3)).usd())
                    .isEqualTo(new BigDecimal("0.370370367037037036703"));
        }

        @Test
        void missingFileNamesThePath() {
            Path missing = folder.resolve("absent.json");
            assertThatThrownBy(() -> ModelCatalog.load(missing))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("failed to read");
        }
    }

    @Nested
    class InvalidFiles {

        @TempDir
        Path folder;

        @Test
        void badJsonGivesLineAndColumn() throws IOException {
            Path file = write(folder, "bad.json", "{\n  \"format\": \"reelgraph-catalog\",\n  \"version\" 1\n}");
            CatalogException error = loadFails(file);
            assertThat(error.problems()).hasSize(1);
            assertThat(error.problems().get(0))
                    .startsWith(file + " line 3, column 13: malformed JSON");
        }

        @Test
        void missingPriceNamesModel() throws IOException {
            String noPrice = model("fal", "fal-ai/x", "").replaceFirst(",\\s*\"price\": \\{.*",
                    "}");
            Path file = write(folder, "no-price.json", catalogWith(noPrice));
            CatalogException error = loadFails(file);
            assertThat(error.problems()).containsExactly(
                    file + " line 4, column 5: model 'fal/fal-ai/x' is missing field 'price'");
        }

        @Test
        void negativeAmountNamesField() throws IOException {
            Path file = write(folder, "negative.json", catalogWith(
                    model("fal", "fal-ai/x", "\"unit\": \"image\", \"usd\": \"-0.01\"")));
            CatalogException error = loadFails(file);
            assertThat(error.problems()).containsExactly(file + " line 6, column 40: model"
                    + " 'fal/fal-ai/x' field 'price.usd' must not be negative, got -0.01");
        }

        @Test
        void unknownUnitListsKnownUnits() throws IOException {
            Path file = write(folder, "unit.json", catalogWith(
                    model("fal", "fal-ai/x", "\"unit\": \"frame\", \"usd\": 0.01")));
            CatalogException error = loadFails(file);
            assertThat(error.problems()).hasSize(1);
            assertThat(error.problems().get(0)).startsWith(file + " line 6, column 24: model"
                    + " 'fal/fal-ai/x' field 'price.unit' must be one of [request, image,");
            assertThat(error.problems().get(0)).endsWith("got \"frame\"");
        }

        @Test
        void tokenUnitNeedsTokenPrices() throws IOException {
            Path file = write(folder, "tokens.json", catalogWith(
                    model("openai", "gpt-x", "\"unit\": \"1m_tokens\"")));
            CatalogException error = loadFails(file);
            assertThat(error.problems()).containsExactly(file + " line 6, column 15: model"
                    + " 'openai/gpt-x' is missing field 'price.tokens'");
        }

        @Test
        void tokenUnitRejectsUsd() throws IOException {
            Path file = write(folder, "tokens-usd.json", catalogWith(model("openai", "gpt-x",
                    "\"unit\": \"1m_tokens\", \"usd\": \"0.4\", \"tokens\":"
                            + " {\"inputUsd\": \"0.4\", \"outputUsd\": \"1.6\"}")));
            CatalogException error = loadFails(file);
            assertThat(error.problems()).hasSize(1);
            assertThat(error.problems().get(0)).contains("field 'price.usd' must be left out"
                    + " with the 1m_tokens unit");
        }

        @Test
        void tokenPricesNeedOutputPrice() throws IOException {
            Path file = write(folder, "tokens-output.json", catalogWith(model("openai", "gpt-x",
                    "\"unit\": \"1m_tokens\", \"tokens\": {\"inputUsd\": \"0.4\"}")));
            CatalogException error = loadFails(file);
            assertThat(error.problems()).hasSize(1);
            assertThat(error.problems().get(0)).contains("is missing field"
                    + " 'price.tokens.outputUsd'");
        }

        @Test
        void duplicateIdPointsToFirst() throws IOException {
            String entry = model("fal", "fal-ai/x", "\"unit\": \"image\", \"usd\": 0.01");
            Path file = write(folder, "duplicate.json", catalogWith(entry + ",\n" + entry));
            CatalogException error = loadFails(file);
            assertThat(error.problems()).containsExactly(file + " line 7, column 12: model"
                    + " 'fal/fal-ai/x' field 'id' duplicate id; it is first defined at "
                    + file + " line 4, column 5");
        }

        @Test
        void everyProblemIsReported() throws IOException {
            Path file = write(folder, "many.json", catalogWith(
                    model("nobody", "a", "\"unit\": \"image\", \"usd\": \"x\"") + ",\n"
                    + model("fal", "b", "\"unit\": \"image\", \"usd\": 1, \"minimumUsd\": true")));
            CatalogException error = loadFails(file);
            assertThat(error.problems()).hasSize(3);
            assertThat(error.getMessage()).contains("(3 problems)", "unknown provider 'nobody'",
                    "field 'price.usd' must be a decimal amount", "field 'price.minimumUsd'");
        }

        @Test
        void tableKeyMustMatchAllowedValues() throws IOException {
            String price = "\"unit\": \"image\", \"usd\": 0.04, \"table\": {\"by\": [\"quality\"],"
                    + " \"usd\": {\"ultra\": 0.2}}";
            String params = "{\"quality\": {\"kind\": \"enum\", \"allowed\": [\"low\", \"high\"]}}";
            Path file = write(folder, "table.json", catalogWith(
                    model("fal", "x", price).replace("\"params\": {}", "\"params\": " + params)));
            CatalogException error = loadFails(file);
            assertThat(error.problems()).hasSize(1);
            assertThat(error.problems().get(0)).contains("field 'price.table.usd.ultra'",
                    "quality must be one of [low, high], got \"ultra\"");
        }

        @Test
        void defaultMustFitItsSchema() throws IOException {
            String params = "{\"duration\": {\"kind\": \"integer\", \"default\": 7,"
                    + " \"allowed\": [5, 10]}}";
            Path file = write(folder, "default.json", catalogWith(
                    model("fal", "x", "\"unit\": \"second\", \"usd\": 0.07")
                            .replace("\"params\": {}", "\"params\": " + params)));
            CatalogException error = loadFails(file);
            assertThat(error.problems()).hasSize(1);
            assertThat(error.problems().get(0)).contains("field 'params.duration.default'",
                    "duration must be one of [5, 10], got 7");
        }

        @Test
        void wrongFormatIsRejected() throws IOException {
            Path file = write(folder, "format.json", "{\"format\": \"reelgraph\", \"version\": 2}");
            CatalogException error = loadFails(file);
            assertThat(error.problems()).containsExactly(
                    file + " line 1, column 12: catalog field 'format' must be"
                            + " \"reelgraph-catalog\", got \"reelgraph\"",
                    file + " line 1, column 36: catalog field 'version' must be 1, the only"
                            + " version this build reads, got 2");
        }

        private CatalogException loadFails(Path file) {
            try {
                ModelCatalog.load(file);
            } catch (CatalogException e) {
                return e;
            }
            throw new AssertionError("expected " + file + " to be rejected");
        }
    }

    static Path write(Path folder, String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Wraps model entries, each starting on line 4 of the file, in a catalog document. */
    static String catalogWith(String models) {
        return "{\"format\": \"reelgraph-catalog\", \"version\": 1,\n"
                + "  \"models\": [\n"
                + "\n"
                + models + "\n"
                + "  ]\n"
                + "}\n";
    }

    /** Returns one model entry laid out on three lines, with the price fields on the third. */
    static String model(String provider, String apiModel, String priceFields) {
        String comma = priceFields.isEmpty() ? "" : ", ";
        return "    {\"id\": \"" + provider + "/" + apiModel + "\", \"provider\": \"" + provider
                + "\", \"apiModel\": \"" + apiModel + "\",\n"
                + "     \"displayName\": \"Test\", \"modality\": \"image\", \"inputs\": [\"text\"],"
                + " \"params\": {}, \"versionPin\": \"\",\n"
                + "     \"price\": {" + priceFields + comma
                + "\"source\": \"https://example.com/p\", \"asOf\": \"2026-06\","
                + " \"confidence\": \"DOC\"}}";
    }
}
