package io.reelgraph.nodes.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.draft.DraftVideo;
import io.reelgraph.nodes.draft.VideoRequest;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.FakeProvider.Stage;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.ProviderContractTest;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.provider.VideoJob;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.ServerErrorException;
import io.reelgraph.nodes.provider.fal.TestMedia;
import io.reelgraph.nodes.provider.http.HttpSettings;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.http.Sleeper;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplicateProviderContractTest extends ProviderContractTest {

    private static final PollingPolicy FAST = new PollingPolicy(Duration.ofMillis(10),
            Duration.ofMillis(50), 1.5, Duration.ofMinutes(1));

    private ModelCatalog catalog;

    @Override
    protected FakeProvider startFake() throws Exception {
        catalog = ModelCatalog.load();
        return new FakeReplicateServer();
    }

    @Override
    protected Provider adapter(FakeProvider fake, Sleeper sleeper, Optional<String> key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("REELGRAPH_REPLICATE_BASE_URL", fake.baseUrl());
        key.ifPresent(value -> environment.put("REPLICATE_API_TOKEN", value));
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500),
                2, Duration.ofMillis(5), Duration.ofSeconds(30), 1000, 1000, 1024 * 1024);
        ProviderClient client = new ProviderClient(
                ProviderEndpoints.of(catalog.provider("replicate").orElseThrow(), environment),
                new EnvironmentKeyLookup(catalog, environment), settings, new ReplicateErrors(),
                sleeper);
        return new ReplicateProvider(client, FAST, FAST, sleeper);
    }

    @Override
    protected Generation generate(Provider adapter, WorkContext context) throws Exception {
        return adapter.image(imageJob("replicate/black-forest-labs/flux-schnell", List.of()),
                context);
    }

    @Override
    protected String keyAlias() {
        return "REPLICATE_API_TOKEN";
    }

    @Override
    protected boolean hasJobList() {
        return true;
    }

    private ImageJob imageJob(String model, List<Artifact> references) {
        return new ImageJob(catalog.find(model).orElseThrow(), "a night market", 1024, 768, 7, 0,
                references);
    }

    private FakeReplicateServer replicate() {
        return (FakeReplicateServer) fake;
    }

    @Nested
    class Requests {

        @Test
        void officialModelIsCreatedOnItsModelPath() throws Exception {
            generate(adapter, context);

            assertThat(replicate().createPaths())
                    .containsExactly("/v1/models/black-forest-labs/flux-schnell/predictions");
            JsonNode input = replicate().createBodies().get(0).path("input");
            assertThat(input.path("prompt").asText()).isEqualTo("a night market");
            assertThat(input.path("aspect_ratio").asText()).isEqualTo("4:3");
            assertThat(input.path("output_format").asText()).isEqualTo("png");
            assertThat(input.path("num_outputs").asInt()).isEqualTo(1);
            assertThat(input.path("seed").asLong()).isEqualTo(7);
            assertThat(replicate().createBodies().get(0).has("version")).isFalse();
        }

        @Test
        void pinnedVersionIsCreatedByVersion() throws Exception {
            ModelSpec listed = catalog.find("replicate/black-forest-labs/flux-dev").orElseThrow();
            String version = "5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637";
            ModelSpec pinned = new ModelSpec(listed.id(), listed.provider(), listed.apiModel(),
                    listed.displayName(), listed.modality(), listed.inputs(), listed.params(),
                    version, listed.price());

            adapter.image(new ImageJob(pinned, "a night market", 768, 1024, 7, 0, List.of()),
                    context);

            assertThat(replicate().createPaths()).containsExactly("/v1/predictions");
            JsonNode body = replicate().createBodies().get(0);
            assertThat(body.path("version").asText()).isEqualTo(version);
            assertThat(body.path("input").path("aspect_ratio").asText()).isEqualTo("3:4");
        }

        @Test
        void referenceGoesToTheModelsImageField() throws Exception {
            byte[] png = TestMedia.png();

            adapter.image(imageJob("replicate/black-forest-labs/flux-1.1-pro",
                    List.of(Artifact.ofBytes("image/png", png, false))), context);

            JsonNode input = replicate().createBodies().get(0).path("input");
            assertThat(input.path("image_prompt").asText())
                    .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
        }

        @Test
        void largeReferenceIsUploaded() throws Exception {
            byte[] noise = new byte[(int) ReplicateProvider.DATA_URI_LIMIT + 1];
            new Random(3).nextBytes(noise);
            byte[] png = TestMedia.png();
            System.arraycopy(png, 0, noise, 0, png.length);

            adapter.image(imageJob("replicate/black-forest-labs/flux-kontext-pro",
                    List.of(Artifact.ofBytes("image/png", noise, false))), context);

            assertThat(replicate().uploads()).isEqualTo(1);
            JsonNode input = replicate().createBodies().get(0).path("input");
            assertThat(input.path("input_image").asText())
                    .isEqualTo(fake.baseUrl() + "/files/file1");
        }

        @Test
        void smallReferenceIsNotUploaded() throws Exception {
            adapter.image(imageJob("replicate/black-forest-labs/flux-kontext-pro",
                    List.of(Artifact.ofBytes("image/png", TestMedia.png(), false))), context);

            assertThat(replicate().uploads()).isZero();
        }

        @Test
        void modelWithoutSeedParamGetsNoSeed() throws Exception {
            adapter.image(imageJob("replicate/recraft-ai/recraft-v3", List.of()), context);

            JsonNode input = replicate().createBodies().get(0).path("input");
            assertThat(input.has("seed")).isFalse();
            assertThat(input.has("output_format")).isFalse();
        }

        @Test
        void videoSendsTheFirstFrame() throws Exception {
            byte[] png = TestMedia.png();
            fake.serveMedia(DraftVideo.fromImage(png, new VideoRequest(2, 24, 1, 64, 64, "p",
                    1, 0)));
            VideoJob job = new VideoJob(catalog.find("replicate/minimax/video-01").orElseThrow(),
                    Artifact.ofBytes("image/png", png, false), "slow push in", 6, 1280, 720, 3, 0);

            Generation generation = adapter.video(job, context);

            assertThat(generation.media().mediaType()).isEqualTo("video/mp4");
            JsonNode input = replicate().createBodies().get(0).path("input");
            assertThat(input.path("first_frame_image").asText()).startsWith("data:image/png;");
            assertThat(input.path("prompt").asText()).isEqualTo("slow push in");
        }
    }

    @Nested
    class Results {

        @Test
        void predictionIdIsTheRequestId() throws Exception {
            Generation generation = generate(adapter, context);

            assertThat(generation.providerRequestId()).hasValueSatisfying(
                    id -> assertThat(id).endsWith("rmd7k3x"));
            assertThat(generation.actualUsd()).isEmpty();
        }

        @Test
        void bareStringOutputIsDownloaded() throws Exception {
            Generation generation = adapter.image(
                    imageJob("replicate/black-forest-labs/flux-1.1-pro", List.of()), context);

            assertThat(generation.media().mediaType()).isEqualTo("image/png");
        }

        @Test
        void nsfwFailureIsModeration() {
            replicate().failPredictionsWith(
                    "NSFW content detected. Try running it again, or try a different prompt.");

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("NSFW content detected");
        }

        @Test
        void modelFailureNamesTheError() {
            replicate().failPredictionsWith("CUDA out of memory");

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("ended as failed: CUDA out of memory");
        }

        @Test
        void invalidFieldsNameTheInputField() {
            fake.failNext(Stage.SUBMIT, FakeReplicateServer.json(422, "{\"detail\":\"- input.seed:"
                    + " Invalid type. Expected: integer, given: string\",\"status\":422,"
                    + "\"title\":\"Input validation failed\",\"invalid_fields\":[{\"type\":"
                    + "\"invalid_type\",\"field\":\"input.seed\",\"description\":\"Invalid type."
                    + " Expected: integer, given: string\"}]}"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("seed"))
                    .hasMessageContaining("Expected: integer");
        }

        @Test
        void throttledCreateIsRetried() throws Exception {
            fake.failNext(Stage.SUBMIT, FakeReplicateServer.json(429, "{\"detail\":\"Request was"
                    + " throttled. Your rate limit resets in ~30s.\",\"status\":429}"));

            Generation generation = generate(adapter, context);

            assertThat(generation.media().mediaType()).isEqualTo("image/png");
            assertThat(fake.submits()).isEqualTo(2);
        }
    }

    @Nested
    class Wiring {

        @Test
        void standardProvidersIncludeReplicate() {
            Providers providers = Providers.standard(catalog,
                    new EnvironmentKeyLookup(catalog, Map.of()), Map.of());

            assertThat(providers.has(ReplicateProvider.ID)).isTrue();
        }
    }
}
