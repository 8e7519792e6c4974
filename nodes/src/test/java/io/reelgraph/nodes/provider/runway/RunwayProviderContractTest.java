package io.reelgraph.nodes.provider.runway;

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
import io.reelgraph.nodes.provider.ProviderContractTest;
import io.reelgraph.nodes.provider.VideoJob;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.KeyRejectedException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.fal.TestMedia;
import io.reelgraph.nodes.provider.http.HttpSettings;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.http.Sleeper;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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

class RunwayProviderContractTest extends ProviderContractTest {

    private static final PollingPolicy FAST = new PollingPolicy(Duration.ofMillis(10),
            Duration.ofMillis(50), 1.5, Duration.ofMinutes(1));
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCatalog catalog;

    @Override
    protected FakeProvider startFake() throws Exception {
        catalog = ModelCatalog.load();
        return new FakeRunwayServer();
    }

    @Override
    protected Provider adapter(FakeProvider fake, Sleeper sleeper, Optional<String> key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("REELGRAPH_RUNWAY_BASE_URL", fake.baseUrl());
        key.ifPresent(value -> environment.put("RUNWAYML_API_SECRET", value));
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500),
                2, Duration.ofMillis(5), Duration.ofSeconds(30), 1000, 1000, 1024 * 1024);
        ProviderClient client = new ProviderClient(
                ProviderEndpoints.of(catalog.provider("runway").orElseThrow(), environment),
                new EnvironmentKeyLookup(catalog, environment), settings, new RunwayErrors(),
                sleeper);
        return new RunwayProvider(client, FAST, sleeper);
    }

    @Override
    protected Generation generate(Provider adapter, WorkContext context) throws Exception {
        return adapter.image(imageJob("runway/gen4_image", List.of()), context);
    }

    @Override
    protected String keyAlias() {
        return "RUNWAYML_API_SECRET";
    }

    private ImageJob imageJob(String model, List<Artifact> references) {
        return new ImageJob(catalog.find(model).orElseThrow(), "a night market", 1344, 768, 7, 0,
                references);
    }

    private VideoJob videoJob(String model, int seconds) {
        return new VideoJob(catalog.find(model).orElseThrow(),
                Artifact.ofBytes("image/png", TestMedia.png(), false), "the lanterns sway",
                seconds, 1280, 720, 42, 0);
    }

    private FakeRunwayServer runway() {
        return (FakeRunwayServer) fake;
    }

    private JsonNode lastCreate() throws Exception {
        List<RecordedRequest> creates = runway().creates();
        return JSON.readTree(creates.get(creates.size() - 1).getBody().utf8());
    }

    @Nested
    class Requests {

        @Test
        void imageTaskCarriesModelRatioAndSeed() throws Exception {
            Generation generation = generate(adapter, context);

            RecordedRequest create = runway().creates().get(0);
            JsonNode body = lastCreate();
            assertThat(create.getUrl().encodedPath()).isEqualTo("/v1/text_to_image");
            assertThat(body.path("model").asText()).isEqualTo("gen4_image");
            assertThat(body.path("promptText").asText()).isEqualTo("a night market");
            assertThat(body.path("ratio").asText()).isEqualTo("1920:1080");
            assertThat(body.path("seed").asLong()).isEqualTo(7);
            assertThat(body.has("referenceImages")).isFalse();
            assertThat(generation.providerRequestId()).isPresent();
            assertThat(generation.actualUsd()).isEmpty();
        }

        @Test
        void referencesGoAsTaggedDataUris() throws Exception {
            Artifact reference = Artifact.ofBytes("image/png", TestMedia.png(), false);

            adapter.image(imageJob("runway/gen4_image_turbo", List.of(reference, reference)),
                    context);

            JsonNode references = lastCreate().path("referenceImages");
            assertThat(references).hasSize(2);
            assertThat(references.get(0).path("uri").asText()).startsWith("data:image/png;base64,");
            assertThat(references.get(0).path("tag").asText()).isEqualTo("ref1");
            assertThat(references.get(1).path("tag").asText()).isEqualTo("ref2");
        }

        @Test
        void turboImageWithoutReferenceIsRejectedBeforeSubmit() {
            assertThatThrownBy(() -> adapter.image(imageJob("runway/gen4_image_turbo", List.of()),
                    context))
                    .isInstanceOf(NodeException.class)
                    .hasMessageContaining("needs 1 to 3 reference images");
            assertThat(fake.submits()).isZero();
        }

        @Test
        void videoTaskIsDownloadedAsMp4() throws Exception {
            runway().serveVideo(mp4());

            Generation generation = adapter.video(videoJob("runway/gen4_turbo", 5), context);

            JsonNode body = lastCreate();
            assertThat(runway().creates().get(0).getUrl().encodedPath())
                    .isEqualTo("/v1/image_to_video");
            assertThat(body.path("model").asText()).isEqualTo("gen4_turbo");
            assertThat(body.path("promptImage").asText()).startsWith("data:image/png;base64,");
            assertThat(body.path("promptText").asText()).isEqualTo("the lanterns sway");
            assertThat(body.path("ratio").asText()).isEqualTo("1280:720");
            assertThat(body.path("duration").asInt()).isEqualTo(5);
            assertThat(body.path("seed").asLong()).isEqualTo(42);
            assertThat(generation.media().mediaType()).isEqualTo("video/mp4");
        }

        @Test
        void portraitSizePicksPortraitRatio() throws Exception {
            runway().serveVideo(mp4());
            VideoJob job = new VideoJob(catalog.find("runway/gen3a_turbo").orElseThrow(),
                    Artifact.ofBytes("image/png", TestMedia.png(), false), "", 10, 768, 1280, 1, 0);

            adapter.video(job, context);

            assertThat(lastCreate().path("ratio").asText()).isEqualTo("768:1280");
            assertThat(lastCreate().has("promptText")).isFalse();
        }

        @Test
        void durationOutsideModelRangeIsRejected() {
            assertThatThrownBy(() -> adapter.video(videoJob("runway/veo3", 5), context))
                    .isInstanceOf(NodeException.class)
                    .hasMessageContaining("duration must be one of [8], got 5");
            assertThat(fake.submits()).isZero();
        }

        @Test
        void videoToVideoModelIsRejected() {
            assertThatThrownBy(() -> adapter.video(videoJob("runway/gen4_aleph", 5), context))
                    .isInstanceOf(NodeException.class)
                    .hasMessageContaining("does not make a video from a still image");
        }
    }

    @Nested
    class TaskStates {

        @Test
        void throttledTaskWaitsThenSucceeds() throws Exception {
            runway().throttleNextTask();

            Generation generation = generate(adapter, context);

            assertThat(generation.media().mediaType()).isEqualTo("image/png");
        }

        @Test
        void safetyFailureIsModeration() {
            runway().failNextTask("SAFETY.INPUT.IMAGE");

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("SAFETY.INPUT.IMAGE");
        }

        @Test
        void otherFailureIsNotModeration() {
            runway().failNextTask("INTERNAL.BAD_OUTPUT");

            assertThatThrownBy(() -> generate(adapter, context))
                    .isNotInstanceOf(ModerationException.class)
                    .hasMessageContaining("ended as FAILED")
                    .hasMessageContaining("INTERNAL.BAD_OUTPUT");
        }
    }

    @Nested
    class RunwayErrorBodies {

        @Test
        void apiVersionHeaderIsSent() throws Exception {
            generate(adapter, context);

            assertThat(runway().creates().get(0).getHeaders().get("X-Runway-Version"))
                    .isEqualTo("2024-11-06");
        }

        @Test
        void validationIssueNamesTheField() {
            fake.failNext(Stage.SUBMIT, json(400, "{\"error\":\"Validation of body failed\","
                    + "\"issues\":[{\"code\":\"too_big\",\"path\":[\"promptText\"],"
                    + "\"message\":\"String must contain at most 1000 character(s)\"}]}"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("promptText"))
                    .hasMessageContaining("at most 1000 character(s)");
        }

        @Test
        void notEnoughCreditsIsOutOfCredit() {
            fake.failNext(Stage.SUBMIT, json(400,
                    "{\"error\":\"You do not have enough credits to run this task.\"}"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(OutOfCreditException.class);
            assertThat(fake.submits()).isEqualTo(1);
        }

        @Test
        void unknownKeyIsKeyRejected() {
            Provider wrongKey = adapter(fake, d -> { }, Optional.of("key_" + "0".repeat(128)));

            assertThatThrownBy(() -> generate(wrongKey, context))
                    .isInstanceOf(KeyRejectedException.class)
                    .hasMessageContaining("Invalid API key");
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build();
    }

    /** Returns a minimal MP4: an ftyp box, a moov box with a 2 s mvhd, and an empty mdat. */
    private static byte[] mp4() {
        ByteBuffer mvhd = ByteBuffer.allocate(100);
        mvhd.putInt(0).putInt(1).putInt(2).putInt(1000).putInt(2000);
        byte[] ftyp = box("ftyp", concat(ascii("isom"), new byte[4], ascii("isom")));
        return concat(ftyp, box("moov", box("mvhd", mvhd.array())), box("mdat", new byte[32]));
    }

    private static byte[] box(String type, byte[] content) {
        return ByteBuffer.allocate(8 + content.length).putInt(8 + content.length)
                .put(ascii(type)).put(content).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
