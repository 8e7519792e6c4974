package io.reelgraph.nodes.provider.bfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.ProviderContractTest;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.error.ExpiredResultException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.ServerErrorException;
import io.reelgraph.nodes.provider.fal.TestMedia;
import io.reelgraph.nodes.provider.http.HttpSettings;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.http.Sleeper;
import io.reelgraph.nodes.provider.http.StandardErrors;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BflProviderContractTest extends ProviderContractTest {

    private static final PollingPolicy FAST = new PollingPolicy(Duration.ofMillis(10),
            Duration.ofMillis(50), 1.5, Duration.ofMinutes(1));

    private ModelCatalog catalog;

    @Override
    protected FakeProvider startFake() throws Exception {
        catalog = ModelCatalog.load();
        return new FakeBflServer();
    }

    @Override
    protected Provider adapter(FakeProvider fake, Sleeper sleeper, Optional<String> key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("REELGRAPH_BFL_BASE_URL", fake.baseUrl());
        key.ifPresent(value -> environment.put("BFL_API_KEY", value));
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500),
                2, Duration.ofMillis(5), Duration.ofSeconds(30), 1000, 1000, 1024 * 1024);
        ProviderClient client = new ProviderClient(
                ProviderEndpoints.of(catalog.provider("bfl").orElseThrow(), environment),
                new EnvironmentKeyLookup(catalog, environment), settings, new StandardErrors(),
                sleeper);
        return new BflProvider(client, FAST, sleeper);
    }

    @Override
    protected Generation generate(Provider adapter, WorkContext context) throws Exception {
        return adapter.image(job("bfl/flux-pro-1.1", 1024, 768, List.of()), context);
    }

    @Override
    protected String keyAlias() {
        return "BFL_API_KEY";
    }

    @Override
    protected boolean supportsCancel() {
        return false;
    }

    private ImageJob job(String model, int width, int height, List<Artifact> references) {
        return new ImageJob(catalog.find(model).orElseThrow(), "a night market", width, height,
                7, 0, references);
    }

    private FakeBflServer bfl() {
        return (FakeBflServer) fake;
    }

    private static Artifact png() {
        return Artifact.ofBytes("image/png", TestMedia.png(), false);
    }

    @Nested
    class Requests {

        @Test
        void submitGoesToTheModelPath() throws Exception {
            generate(adapter, context);

            assertThat(bfl().submitPaths()).containsExactly("/v1/flux-pro-1.1");
            JsonNode body = bfl().submitBodies().get(0);
            assertThat(body.path("prompt").asText()).isEqualTo("a night market");
            assertThat(body.path("width").asInt()).isEqualTo(1024);
            assertThat(body.path("height").asInt()).isEqualTo(768);
            assertThat(body.path("seed").asLong()).isEqualTo(7);
            assertThat(body.path("output_format").asText()).isEqualTo("png");
            assertThat(body.has("aspect_ratio")).isFalse();
        }

        @Test
        void fluxOneSizesRoundToThirtyTwo() throws Exception {
            adapter.image(job("bfl/flux-pro-1.1", 1000, 700, List.of()), context);

            JsonNode body = bfl().submitBodies().get(0);
            assertThat(body.path("width").asInt()).isEqualTo(992);
            assertThat(body.path("height").asInt()).isEqualTo(704);
        }

        @Test
        void fluxTwoSizesRoundToSixteen() throws Exception {
            adapter.image(job("bfl/flux-2-pro", 1000, 700, List.of()), context);

            JsonNode body = bfl().submitBodies().get(0);
            assertThat(body.path("width").asInt()).isEqualTo(1008);
            assertThat(body.path("height").asInt()).isEqualTo(704);
        }

        @Test
        void sizesAreClampedToTheModelsRange() throws Exception {
            adapter.image(job("bfl/flux-pro-1.1", 4000, 100, List.of()), context);

            JsonNode body = bfl().submitBodies().get(0);
            assertThat(body.path("width").asInt()).isEqualTo(1440);
            assertThat(body.path("height").asInt()).isEqualTo(256);
        }

        @Test
        void ultraGetsTheClosestAspectRatio() throws Exception {
            adapter.image(job("bfl/flux-pro-1.1-ultra", 1920, 1080, List.of()), context);

            JsonNode body = bfl().submitBodies().get(0);
            assertThat(body.path("aspect_ratio").asText()).isEqualTo("16:9");
            assertThat(body.has("width")).isFalse();
        }

        @Test
        void kontextReferenceIsInputImage() throws Exception {
            Artifact reference = png();

            adapter.image(job("bfl/flux-kontext-pro", 1024, 1024, List.of(reference)), context);

            assertThat(bfl().submitBodies().get(0).path("input_image").asText())
                    .isEqualTo(Base64.getEncoder().encodeToString(reference.bytesUnsafe()));
        }

        @Test
        void fluxTwoTakesSeveralReferences() throws Exception {
            adapter.image(job("bfl/flux-2-pro", 1024, 1024, List.of(png(), png(), png())),
                    context);

            JsonNode body = bfl().submitBodies().get(0);
            assertThat(body.has("input_image")).isTrue();
            assertThat(body.has("input_image_2")).isTrue();
            assertThat(body.has("input_image_3")).isTrue();
            assertThat(body.has("input_image_4")).isFalse();
        }

        @Test
        void proReferenceIsImagePrompt() throws Exception {
            adapter.image(job("bfl/flux-pro-1.1", 1024, 768, List.of(png())), context);

            assertThat(bfl().submitBodies().get(0).has("image_prompt")).isTrue();
        }

        @Test
        void fillWithoutImageIsRejectedBeforeSubmit() {
            assertThatThrownBy(() -> adapter.image(job("bfl/flux-pro-1.0-fill", 1024, 768,
                    List.of()), context))
                    .isInstanceOf(NodeException.class)
                    .hasMessageContaining("needs the image as its first reference");
            assertThat(fake.submits()).isZero();
        }
    }

    @Nested
    class Results {

        @Test
        void creditsBecomeTheActualCost() throws Exception {
            Generation generation = generate(adapter, context);

            assertThat(generation.actualUsd()).hasValueSatisfying(
                    usd -> assertThat(usd).isEqualByComparingTo("0.04"));
            assertThat(generation.providerRequestId()).isPresent();
        }

        @Test
        void contentModeratedIsModeration() {
            bfl().endTasksWith("Content Moderated");

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("Content Moderated")
                    .hasMessageContaining("Derivative Works Filter");
        }

        @Test
        void requestModeratedIsModeration() {
            bfl().endTasksWith("Request Moderated");

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ModerationException.class);
        }

        @Test
        void errorStatusFailsTheJob() {
            bfl().endTasksWith("Error");

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("ended as Error");
        }

        @Test
        void expiredSampleUrlIsReported() {
            bfl().expireSamples();

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ExpiredResultException.class)
                    .hasMessageContaining("HTTP 403");
            assertThat(bfl().mediaKeyHeaders()).containsExactly("null");
        }
    }

    @Nested
    class Endpoints {

        private ProviderEndpoints production() {
            return ProviderEndpoints.of(catalog.provider("bfl").orElseThrow(), Map.of());
        }

        @Test
        void regionalPollingHostGetsTheKey() {
            assertThat(production().owns(
                    HttpUrl.get("https://api.eu2.bfl.ai/v1/get_result?id=x"))).isTrue();
            assertThat(production().owns(
                    HttpUrl.get("https://api.us1.bfl.ai/v1/get_result?id=x"))).isTrue();
        }

        @Test
        void deliveryHostGetsNoKey() {
            assertThat(production().owns(
                    HttpUrl.get("https://delivery-eu1.bfl.ai/results/a/sample.png"))).isFalse();
        }

        @Test
        void lookalikeHostsGetNoKey() {
            assertThat(production().owns(HttpUrl.get("http://api.eu2.bfl.ai/v1/x"))).isFalse();
            assertThat(production().owns(HttpUrl.get("https://api.eu2.bfl.ai.example.com/")))
                    .isFalse();
            assertThat(production().owns(HttpUrl.get("https://api.eu2.bfl.ai:8443/")))
                    .isFalse();
        }

        @Test
        void standardProvidersIncludeBfl() {
            Providers providers = Providers.standard(catalog,
                    new EnvironmentKeyLookup(catalog, Map.of()), Map.of());

            assertThat(providers.has(BflProvider.ID)).isTrue();
        }
    }
}
