package io.reelgraph.nodes.provider.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.journal.H2JobJournal;
import io.reelgraph.engine.journal.JobHandle;
import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider.Stage;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.provider.VideoJob;
import io.reelgraph.nodes.provider.error.AmbiguousSubmitException;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.KeyRejectedException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.RateLimitedException;
import io.reelgraph.nodes.provider.error.ServerErrorException;
import io.reelgraph.nodes.provider.fal.TestMedia;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleProviderTest {

    private static final CacheKey KEY = new CacheKey("e".repeat(64));
    private static final String QUOTA = "type.googleapis.com/google.rpc.QuotaFailure";
    private static final String RETRY = "type.googleapis.com/google.rpc.RetryInfo";

    @TempDir
    Path temp;

    private ModelCatalog catalog;
    private FakeGoogleServer fake;
    private GoogleProvider adapter;
    private H2ResultCache cache;
    private H2JobJournal journal;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private Optional<JobHandle> handle = Optional.empty();
    private final WorkContext context = new WorkContext() {
        @Override
        public void progress(double fraction, String status) {
        }

        @Override
        public void waitingForRateLimit(long millis) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public Optional<JobHandle> job() {
            return handle;
        }
    };

    @BeforeEach
    void start() throws Exception {
        catalog = ModelCatalog.load();
        fake = new FakeGoogleServer();
        adapter = GoogleTesting.adapter(catalog, fake, sleeps::add, Optional.of(fake.key()));
        cache = H2ResultCache.open(temp.resolve("cache"));
        journal = new H2JobJournal(cache.dataSource());
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
        cache.close();
    }

    private ImageJob image(String model, int width, int height, List<Artifact> references) {
        return new ImageJob(catalog.find(model).orElseThrow(), "a paper boat", width, height, 5,
                0, references);
    }

    private VideoJob veo(String model, int seconds, int width, int height) {
        return new VideoJob(catalog.find(model).orElseThrow(),
                Artifact.ofBytes("image/png", TestMedia.png(), false), "waves roll in", seconds,
                width, height, 5, 0);
    }

    @Nested
    class Imagen {

        @Test
        void predictReturnsTheDecodedImage() throws Exception {
            Generation generation = adapter.image(image("google/imagen-4.0-generate-001", 1344,
                    768, List.of()), context);

            assertThat(fake.postPaths())
                    .containsExactly("/v1beta/models/imagen-4.0-generate-001:predict");
            JsonNode body = fake.bodies().get(0);
            assertThat(body.at("/instances/0/prompt").asText()).isEqualTo("a paper boat");
            assertThat(body.at("/parameters/sampleCount").asInt()).isEqualTo(1);
            assertThat(body.at("/parameters/aspectRatio").asText()).isEqualTo("16:9");
            assertThat(generation.media().mediaType()).isEqualTo("image/png");
            assertThat(generation.media().bytesUnsafe()).isEqualTo(TestMedia.png());
        }

        @Test
        void filteredPredictionIsModeration() {
            fake.failNext(Stage.SUBMIT, FakeGoogleServer.error(200, "", "", "")
                    .newBuilder().body("{\"predictions\":[{\"raiFilteredReason\":\"Your"
                            + " current safety filter threshold prohibited this image\"}]}")
                    .build());

            assertThatThrownBy(() -> adapter.image(image("google/imagen-4.0-fast-generate-001",
                    1024, 1024, List.of()), context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("safety filter threshold prohibited");
        }

        @Test
        void successMarksTheJournalEntryDone() throws Exception {
            handle = Optional.of(new JobHandle(journal, KEY));

            adapter.image(image("google/imagen-4.0-generate-001", 1024, 1024, List.of()),
                    context);

            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.DONE);
        }

        @Test
        void stalledResponseIsNotResent() {
            handle = Optional.of(new JobHandle(journal, KEY));
            fake.stallSubmits();
            ImageJob job = image("google/imagen-4.0-generate-001", 1024, 1024, List.of());

            assertThatThrownBy(() -> adapter.image(job, context))
                    .isInstanceOf(AmbiguousSubmitException.class)
                    .hasMessageContaining("the submit was not repeated");
            assertThatThrownBy(() -> adapter.image(job, context))
                    .isInstanceOf(AmbiguousSubmitException.class)
                    .hasMessageContaining("did not submit again");
            assertThat(fake.submits()).isEqualTo(1);
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.AMBIGUOUS);
        }
    }

    @Nested
    class GeminiImage {

        @Test
        void usageMetadataGivesActualCost() throws Exception {
            Generation generation = adapter.image(image("google/gemini-2.5-flash-image", 1024,
                    1024, List.of()), context);

            // 9 prompt tokens x $0.30/M + 1290 output tokens x $30/M, as the fake reports.
            assertThat(generation.actualUsd()).hasValueSatisfying(usd ->
                    assertThat(usd).isEqualByComparingTo("0.0387027"));
        }

        @Test
        void imagenHasNoActualCost() throws Exception {
            Generation generation = adapter.image(image("google/imagen-4.0-generate-001", 1024,
                    1024, List.of()), context);

            assertThat(generation.actualUsd()).isEmpty();
        }

        @Test
        void referencesGoInlineAfterThePrompt() throws Exception {
            Artifact reference = Artifact.ofBytes("image/png", TestMedia.png(), false);

            Generation generation = adapter.image(image("google/gemini-2.5-flash-image", 800,
                    1200, List.of(reference)), context);

            assertThat(fake.postPaths())
                    .containsExactly("/v1beta/models/gemini-2.5-flash-image:generateContent");
            JsonNode body = fake.bodies().get(0);
            assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("a paper boat");
            assertThat(body.at("/contents/0/parts/1/inlineData/mimeType").asText())
                    .isEqualTo("image/png");
            assertThat(body.at("/contents/0/parts/1/inlineData/data").asText())
                    .isEqualTo(Base64.getEncoder().encodeToString(TestMedia.png()));
            assertThat(body.at("/generationConfig/responseModalities/0").asText())
                    .isEqualTo("IMAGE");
            assertThat(body.at("/generationConfig/imageConfig/aspectRatio").asText())
                    .isEqualTo("2:3");
            assertThat(generation.media().mediaType()).isEqualTo("image/png");
            assertThat(generation.providerRequestId()).hasValueSatisfying(
                    id -> assertThat(id).startsWith("resp-"));
        }

        @Test
        void imageSafetyFinishIsModeration() {
            fake.failNext(Stage.SUBMIT, FakeGoogleServer.error(200, "", "", "").newBuilder()
                    .body("{\"candidates\":[{\"content\":{\"parts\":[]},"
                            + "\"finishReason\":\"IMAGE_SAFETY\"}]}").build());

            assertThatThrownBy(() -> adapter.image(image("google/gemini-2.5-flash-image", 1024,
                    1024, List.of()), context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("IMAGE_SAFETY");
        }

        @Test
        void blockedPromptIsModeration() {
            fake.failNext(Stage.SUBMIT, FakeGoogleServer.error(200, "", "", "").newBuilder()
                    .body("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"}}")
                    .build());

            assertThatThrownBy(() -> adapter.image(image("google/gemini-2.5-flash-image", 1024,
                    1024, List.of()), context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("PROHIBITED_CONTENT");
        }
    }

    @Nested
    class Veo {

        @Test
        void bodyCarriesTheStillAndCatalogValues() throws Exception {
            adapter.video(veo("google/veo-3.1-generate-preview", 5, 1080, 1920), context);

            assertThat(fake.postPaths()).containsExactly(
                    "/v1beta/models/veo-3.1-generate-preview:predictLongRunning");
            JsonNode body = fake.bodies().get(0);
            assertThat(body.at("/instances/0/prompt").asText()).isEqualTo("waves roll in");
            assertThat(body.at("/instances/0/image/mimeType").asText()).isEqualTo("image/png");
            assertThat(body.at("/instances/0/image/bytesBase64Encoded").asText())
                    .isEqualTo(Base64.getEncoder().encodeToString(TestMedia.png()));
            assertThat(body.at("/parameters/aspectRatio").asText()).isEqualTo("9:16");
            assertThat(body.at("/parameters/durationSeconds").asInt()).isEqualTo(4);
            assertThat(body.at("/parameters/resolution").asText()).isEqualTo("1080p");
        }

        @Test
        void filteredVideoIsModeration() {
            fake.finishOperationsWith("\"response\":{\"generateVideoResponse\":"
                    + "{\"raiMediaFilteredCount\":1,\"raiMediaFilteredReasons\":[\"The video"
                    + " could not be generated because it violates the usage guidelines.\"]}}");

            assertThatThrownBy(() -> adapter.video(veo("google/veo-3.0-generate-001", 8, 1280,
                    720), context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("violates the usage guidelines");
        }

        @Test
        void operationErrorIsAFailedJob() {
            fake.finishOperationsWith("\"error\":{\"code\":13,\"message\":\"Internal error"
                    + " while generating the video.\"}");

            assertThatThrownBy(() -> adapter.video(veo("google/veo-3.0-fast-generate-001", 8,
                    1280, 720), context))
                    .isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("Internal error while generating the video.");
        }
    }

    @Nested
    class Registration {

        @Test
        void standardProvidersIncludeGoogle() {
            Providers providers = Providers.standard(catalog,
                    new EnvironmentKeyLookup(catalog, Map.of()), Map.of());

            assertThat(providers.has(GoogleProvider.ID)).isTrue();
        }
    }

    @Nested
    class Errors {

        @Test
        void retryDelayInTheBodyIsWaited() throws Exception {
            fake.failNext(Stage.POLL, FakeGoogleServer.error(429, "RESOURCE_EXHAUSTED",
                    "Resource has been exhausted. Please retry in 7.2s.", ",\"details\":[{"
                    + "\"@type\":\"" + RETRY + "\",\"retryDelay\":\"7.2s\"}]"));

            adapter.video(veo("google/veo-3.0-generate-001", 8, 1280, 720), context);

            assertThat(sleeps).contains(Duration.ofMillis(7200));
        }

        @Test
        void exhaustedDailyQuotaIsNotRetried() {
            fake.failNext(Stage.SUBMIT, FakeGoogleServer.error(429, "RESOURCE_EXHAUSTED",
                    "You exceeded your current quota.", ",\"details\":[{\"@type\":\"" + QUOTA
                    + "\",\"violations\":[{\"quotaMetric\":\"generativelanguage.googleapis.com/"
                    + "predict_requests\",\"quotaId\":\"PredictRequestsPerDayPerProject\"}]},"
                    + "{\"@type\":\"" + RETRY + "\",\"retryDelay\":\"20s\"}]"));

            assertThatThrownBy(() -> adapter.image(image("google/imagen-4.0-generate-001", 1024,
                    1024, List.of()), context))
                    .isInstanceOf(RateLimitedException.class)
                    .hasMessageContaining("daily quota");
            assertThat(fake.submits()).isEqualTo(1);
        }

        @Test
        void fieldViolationNamesTheField() {
            fake.failNext(Stage.SUBMIT, FakeGoogleServer.error(400, "INVALID_ARGUMENT",
                    "Invalid value at 'parameters.durationSeconds'", ",\"details\":[{\"@type\":"
                    + "\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[{"
                    + "\"field\":\"parameters.durationSeconds\","
                    + "\"description\":\"must be 8\"}]}]"));

            assertThatThrownBy(() -> adapter.video(veo("google/veo-3.0-generate-001", 8, 1280,
                    720), context))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(
                            e.field()).contains("parameters.durationSeconds"))
                    .hasMessageContaining("must be 8");
        }

        @Test
        void invalidKey400IsKeyRejection() {
            GoogleProvider wrongKey = GoogleTesting.adapter(catalog, fake, d -> { },
                    Optional.of("AIzaSyWRONGWRONGWRONGWRONGWRONGWRONGWRO"));

            assertThatThrownBy(() -> wrongKey.image(image("google/imagen-4.0-generate-001",
                    1024, 1024, List.of()), context))
                    .isInstanceOf(KeyRejectedException.class)
                    .hasMessageContaining("GEMINI_API_KEY")
                    .hasMessageContaining("API_KEY_INVALID")
                    .hasMessageNotContaining("WRONGWRONG");
        }

        @Test
        void billingPreconditionIsOutOfCredit() {
            fake.failNext(Stage.SUBMIT, FakeGoogleServer.error(400, "FAILED_PRECONDITION",
                    "Imagen API is only accessible to billed users at this time.", ""));

            assertThatThrownBy(() -> adapter.image(image("google/imagen-4.0-generate-001", 1024,
                    1024, List.of()), context))
                    .isInstanceOf(OutOfCreditException.class);
        }

        @Test
        void protobufDurationsReadAsMilliseconds() {
            assertThat(GoogleErrors.seconds("43s")).contains(43_000L);
            assertThat(GoogleErrors.seconds("0.5s")).contains(500L);
            assertThat(GoogleErrors.seconds("soon")).isEmpty();
        }
    }
}
