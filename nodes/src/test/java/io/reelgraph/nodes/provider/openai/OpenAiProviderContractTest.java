package io.reelgraph.nodes.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.FakeProvider.Stage;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.provider.SpeechJob;
import io.reelgraph.nodes.provider.SyncProviderContractTest;
import io.reelgraph.nodes.provider.TextJob;
import io.reelgraph.nodes.provider.VideoJob;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.fal.TestMedia;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.http.Sleeper;
import io.reelgraph.nodes.provider.http.StandardErrors;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OpenAiProviderContractTest extends SyncProviderContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCatalog catalog;

    @Override
    protected FakeProvider startFake() throws Exception {
        catalog = ModelCatalog.load();
        return new FakeOpenAiServer();
    }

    @Override
    protected Provider adapter(FakeProvider fake, Sleeper sleeper, Optional<String> key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("REELGRAPH_OPENAI_BASE_URL", fake.baseUrl());
        key.ifPresent(value -> environment.put("OPENAI_API_KEY", value));
        ProviderClient client = new ProviderClient(
                ProviderEndpoints.of(catalog.provider("openai").orElseThrow(), environment),
                new EnvironmentKeyLookup(catalog, environment), TEST_SETTINGS,
                new StandardErrors(), sleeper);
        return new OpenAiProvider(client);
    }

    @Override
    protected Generation generate(Provider adapter, WorkContext context) throws Exception {
        return adapter.image(imageJob("openai/gpt-image-1", List.of()), context);
    }

    @Override
    protected String keyAlias() {
        return "OPENAI_API_KEY";
    }

    @Override
    protected Optional<Stage> jsonStage() {
        return Optional.of(Stage.SUBMIT);
    }

    private ImageJob imageJob(String model, List<Artifact> references) {
        return new ImageJob(catalog.find(model).orElseThrow(), "a night market", 1344, 768, 7, 0,
                references);
    }

    private FakeOpenAiServer server() {
        return (FakeOpenAiServer) fake;
    }

    private RecordedRequest lastRequest() {
        List<RecordedRequest> requests = server().requests();
        return requests.get(requests.size() - 1);
    }

    private JsonNode lastJsonBody() throws Exception {
        return JSON.readTree(lastRequest().getBody().utf8());
    }

    @Nested
    class ImageRequests {

        @Test
        void gptImageSendsClosestSize() throws Exception {
            Generation generation = generate(adapter, context);

            JsonNode body = lastJsonBody();
            assertThat(lastRequest().getUrl().encodedPath()).isEqualTo("/v1/images/generations");
            assertThat(body.path("model").asText()).isEqualTo("gpt-image-1");
            assertThat(body.path("prompt").asText()).isEqualTo("a night market");
            assertThat(body.path("n").asInt()).isEqualTo(1);
            assertThat(body.path("size").asText()).isEqualTo("1536x1024");
            assertThat(body.has("response_format")).isFalse();
            assertThat(body.has("seed")).isFalse();
            assertThat(generation.providerRequestId()).contains("req_1");
        }

        @Test
        void gptImageUsageGivesActualCost() throws Exception {
            Generation generation = generate(adapter, context);

            // 12 text input tokens x $5/M + 1584 output tokens x $40/M, as the fake reports.
            assertThat(generation.actualUsd()).hasValueSatisfying(usd ->
                    assertThat(usd).isEqualByComparingTo("0.06342"));
        }

        @Test
        void dallE3AsksForBase64() throws Exception {
            Generation generation = adapter.image(imageJob("openai/dall-e-3", List.of()),
                    context);

            JsonNode body = lastJsonBody();
            assertThat(body.path("model").asText()).isEqualTo("dall-e-3");
            assertThat(body.path("size").asText()).isEqualTo("1792x1024");
            assertThat(body.path("response_format").asText()).isEqualTo("b64_json");
            assertThat(generation.media().mediaType()).isEqualTo("image/png");
        }

        @Test
        void referencesGoToEditsAsMultipart() throws Exception {
            Artifact first = Artifact.ofBytes("image/png", TestMedia.png(), false);
            Artifact second = Artifact.ofBytes("image/png", TestMedia.png(), false);

            adapter.image(imageJob("openai/gpt-image-1", List.of(first, second)), context);

            RecordedRequest request = lastRequest();
            String body = request.getBody().utf8();
            assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/images/edits");
            assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data");
            assertThat(body).contains("name=\"image[]\"; filename=\"reference-1.png\"");
            assertThat(body).contains("name=\"image[]\"; filename=\"reference-2.png\"");
            assertThat(body).contains("name=\"size\"");
            assertThat(body).doesNotContain("response_format");
        }

        @Test
        void dallE2EditsTheFirstReference() throws Exception {
            Artifact first = Artifact.ofBytes("image/png", TestMedia.png(), false);
            Artifact second = Artifact.ofBytes("image/png", TestMedia.png(), false);

            adapter.image(imageJob("openai/dall-e-2", List.of(first, second)), context);

            String body = lastRequest().getBody().utf8();
            assertThat(lastRequest().getUrl().encodedPath()).isEqualTo("/v1/images/edits");
            assertThat(body).contains("name=\"image\"; filename=\"reference-1.png\"");
            assertThat(body).doesNotContain("reference-2.png");
            assertThat(body).contains("b64_json");
        }

        @Test
        void referencesIgnoredByTextOnlyModel() throws Exception {
            Artifact reference = Artifact.ofBytes("image/png", TestMedia.png(), false);

            adapter.image(imageJob("openai/dall-e-3", List.of(reference)), context);

            assertThat(lastRequest().getUrl().encodedPath()).isEqualTo("/v1/images/generations");
        }

        @Test
        void closestSizeFollowsAspectRatio() {
            var model = catalog.find("openai/gpt-image-1").orElseThrow();

            assertThat(OpenAiProvider.closestSize(model, 1344, 768)).contains("1536x1024");
            assertThat(OpenAiProvider.closestSize(model, 768, 1344)).contains("1024x1536");
            assertThat(OpenAiProvider.closestSize(model, 1000, 1000)).contains("1024x1024");
        }
    }

    @Nested
    class Speech {

        @Test
        void speechReturnsMp3() throws Exception {
            SpeechJob job = new SpeechJob(catalog.find("openai/tts-1").orElseThrow(),
                    "We leave at dawn.", "nova", 7, 0);

            Generation generation = adapter.speech(job, context);

            JsonNode body = lastJsonBody();
            assertThat(lastRequest().getUrl().encodedPath()).isEqualTo("/v1/audio/speech");
            assertThat(body.path("model").asText()).isEqualTo("tts-1");
            assertThat(body.path("input").asText()).isEqualTo("We leave at dawn.");
            assertThat(body.path("voice").asText()).isEqualTo("nova");
            assertThat(generation.media().mediaType()).isEqualTo("audio/mpeg");
            assertThat(generation.providerRequestId()).contains("req_1");
        }

        @Test
        void unknownVoiceNamesField() {
            fake.failNext(Stage.SUBMIT, FakeOpenAiServer.error(400, "Invalid value: 'narrator'."
                    + " Supported values are: 'alloy', 'ash' and 'nova'.",
                    "invalid_request_error", "voice", "invalid_value"));
            SpeechJob job = new SpeechJob(catalog.find("openai/tts-1").orElseThrow(),
                    "We leave at dawn.", "narrator", 7, 0);

            assertThatThrownBy(() -> adapter.speech(job, context))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("voice"));
        }
    }

    @Nested
    class OpenAiErrors {

        @Test
        void moderationBlockedIsModeration() {
            fake.failNext(Stage.SUBMIT, FakeOpenAiServer.error(400, "Your request was rejected"
                    + " by the safety system.", "image_generation_user_error", null,
                    "moderation_blocked"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ModerationException.class);
            assertThat(fake.submits()).isEqualTo(1);
        }

        @Test
        void contentPolicyViolationIsModeration() {
            fake.failNext(Stage.SUBMIT, FakeOpenAiServer.error(400, "Your request was rejected as"
                    + " a result of our safety system.", "invalid_request_error", null,
                    "content_policy_violation"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ModerationException.class);
        }

        @Test
        void insufficientQuotaIsNotRetried() {
            fake.failNext(Stage.SUBMIT, FakeOpenAiServer.error(429, "You exceeded your current"
                    + " quota, please check your plan and billing details.", "insufficient_quota",
                    null, "insufficient_quota"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(OutOfCreditException.class);
            assertThat(fake.submits()).isEqualTo(1);
        }

        @Test
        void invalidSizeNamesField() {
            fake.failNext(Stage.SUBMIT, FakeOpenAiServer.error(400, "Invalid value: '999x999'.",
                    "invalid_request_error", "size", "invalid_value"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("size"));
        }

        @Test
        void retryAfterMsIsHonoured() throws Exception {
            fake.failNext(Stage.SUBMIT, new MockResponse.Builder().code(429)
                    .addHeader("retry-after-ms", "1500").addHeader("Content-Type",
                            "application/json")
                    .body("{\"error\":{\"message\":\"Rate limit reached for images per minute\","
                            + "\"type\":\"requests\",\"param\":null,"
                            + "\"code\":\"rate_limit_exceeded\"}}").build());

            generate(adapter, context);

            assertThat(sleeps).contains(Duration.ofMillis(1500));
            assertThat(fake.submits()).isEqualTo(2);
        }

        @Test
        void base64ThatIsNotMedia() {
            fake.serveMedia("not a picture".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> generate(adapter, context))
                    .hasMessageContaining("not in any supported media format");
        }
    }

    @Test
    void standardProvidersHaveOpenAi() {
        Providers providers = Providers.standard(catalog,
                new EnvironmentKeyLookup(catalog, Map.of()), Map.of());

        assertThat(providers.has(OpenAiProvider.ID)).isTrue();
    }

    @Test
    void soraVideoIsRejectedWithReason() {
        VideoJob job = new VideoJob(catalog.find("openai/sora-2").orElseThrow(),
                Artifact.ofBytes("image/png", TestMedia.png(), false), "", 4, 1280, 720, 7, 0);

        assertThatThrownBy(() -> adapter.video(job, context))
                .isInstanceOf(NodeException.class)
                .hasMessageContaining("shut down on 2026-09-24");
        assertThat(fake.submits()).isZero();
    }

    @Nested
    class TextRequests {

        private TextJob textJob(String prompt) {
            return new TextJob(catalog.find("openai/gpt-4.1-mini").orElseThrow(),
                    "You are a first assistant director.", prompt, 800, 0);
        }

        private String text(Generation generation) {
            return new String(generation.media().bytesUnsafe(), StandardCharsets.UTF_8);
        }

        @Test
        void chatRequestFollowsApi() throws Exception {
            adapter.text(textJob("INT. KITCHEN - NIGHT"), context);

            JsonNode body = lastJsonBody();
            assertThat(lastRequest().getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
            assertThat(lastRequest().getHeaders().get("Authorization"))
                    .isEqualTo("Bearer " + fake.key());
            assertThat(body.path("model").asText()).isEqualTo("gpt-4.1-mini");
            assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(800);
            assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
            assertThat(body.at("/messages/0/content").asText())
                    .isEqualTo("You are a first assistant director.");
            assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
            assertThat(body.at("/messages/1/content").asText())
                    .isEqualTo("INT. KITCHEN - NIGHT");
            assertThat(body.path("messages").size()).isEqualTo(2);
        }

        @Test
        void answerIsPlainText() throws Exception {
            Generation generation = adapter.text(textJob("INT. KITCHEN - NIGHT"), context);

            assertThat(generation.media().mediaType()).isEqualTo("text/plain");
            assertThat(text(generation))
                    .isEqualTo(FakeOpenAiServer.ANSWER_PREFIX + "INT. KITCHEN - NIGHT");
            assertThat(generation.providerRequestId()).contains("req_1");
        }

        @Test
        void usageGivesActualCost() throws Exception {
            Generation generation = adapter.text(textJob("INT. KITCHEN - NIGHT"), context);

            // 1234 prompt tokens x $0.40/M + 567 completion tokens x $1.60/M.
            assertThat(generation.actualUsd()).hasValueSatisfying(usd ->
                    assertThat(usd).isEqualByComparingTo("0.0014008"));
        }

        @Test
        void rateLimitIsRetriedOnce() throws Exception {
            server().failNext(Stage.SUBMIT, FakeOpenAiServer.chatRateLimited());

            Generation generation = adapter.text(textJob("EXT. PIER - DAY"), context);

            assertThat(text(generation))
                    .isEqualTo(FakeOpenAiServer.ANSWER_PREFIX + "EXT. PIER - DAY");
            assertThat(fake.submits()).isEqualTo(2);
            assertThat(sleeps).containsExactly(Duration.ofMillis(20));
        }

        @Test
        void refusalIsModeration() {
            server().failNext(Stage.SUBMIT,
                    FakeOpenAiServer.chatRefusal("I can't help with that request."));

            assertThatThrownBy(() -> adapter.text(textJob("EXT. PIER - DAY"), context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessage("Model openai/gpt-4.1-mini refused the request (\"I can't"
                            + " help with that request.\"); change the prompt or the screenplay"
                            + " text it was made from (provider request id req_chat)");
        }

        @Test
        void contentFilterIsModeration() {
            server().failNext(Stage.SUBMIT, FakeOpenAiServer.chatFiltered());

            assertThatThrownBy(() -> adapter.text(textJob("EXT. PIER - DAY"), context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("finish_reason content_filter");
        }

        @Test
        void malformedJsonIsReported() {
            server().failNext(Stage.SUBMIT, FakeOpenAiServer.chatMalformed());

            assertThatThrownBy(() -> adapter.text(textJob("EXT. PIER - DAY"), context))
                    .isInstanceOf(MalformedResponseException.class);
            assertThat(fake.submits()).isEqualTo(1);
        }

        @Test
        void missingKeyFailsBeforeSending() {
            Provider keyless = adapter(fake, duration -> { }, Optional.empty());

            assertThatThrownBy(() -> keyless.text(textJob("EXT. PIER - DAY"), context))
                    .isInstanceOf(NodeException.class)
                    .hasMessageContaining("needs an OpenAI key");
            assertThat(server().requests()).isEmpty();
        }
    }
}
