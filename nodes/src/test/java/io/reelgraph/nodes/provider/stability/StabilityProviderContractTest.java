package io.reelgraph.nodes.provider.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.FakeProvider.Stage;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.ProviderContractTest;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.KeyRejectedException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.ServerErrorException;
import io.reelgraph.nodes.provider.fal.TestMedia;
import io.reelgraph.nodes.provider.http.HttpSettings;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.http.Sleeper;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StabilityProviderContractTest extends ProviderContractTest {

    private ModelCatalog catalog;

    @Override
    protected FakeProvider startFake() throws Exception {
        catalog = ModelCatalog.load();
        return new FakeStabilityServer();
    }

    @Override
    protected Provider adapter(FakeProvider fake, Sleeper sleeper, Optional<String> key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("REELGRAPH_STABILITY_BASE_URL", fake.baseUrl());
        key.ifPresent(value -> environment.put("STABILITY_API_KEY", value));
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500),
                2, Duration.ofMillis(5), Duration.ofSeconds(30), 1000, 1000, 1024 * 1024);
        ProviderClient client = new ProviderClient(
                ProviderEndpoints.of(catalog.provider("stability").orElseThrow(), environment),
                new EnvironmentKeyLookup(catalog, environment), settings, new StabilityErrors(),
                sleeper);
        return new StabilityProvider(client);
    }

    @Override
    protected Generation generate(Provider adapter, WorkContext context) throws Exception {
        return adapter.image(imageJob("stability/core", List.of()), context);
    }

    @Override
    protected String keyAlias() {
        return "STABILITY_API_KEY";
    }

    /** Stability returns the image in the generate response: no job, no result URL. */
    @Override
    protected boolean async() {
        return false;
    }

    @Override
    protected boolean resultUrls() {
        return false;
    }

    @Override
    protected Optional<Stage> jsonStage() {
        return Optional.empty();
    }

    private ImageJob imageJob(String model, List<Artifact> references) {
        return new ImageJob(catalog.find(model).orElseThrow(), "a night market", 1344, 768, 7, 0,
                references);
    }

    private FakeStabilityServer stability() {
        return (FakeStabilityServer) fake;
    }

    private String lastForm() {
        List<RecordedRequest> generates = stability().generates();
        return generates.get(generates.size() - 1).getBody().utf8();
    }

    private RecordedRequest lastRequest() {
        List<RecordedRequest> generates = stability().generates();
        return generates.get(generates.size() - 1);
    }

    /** Returns the value of a text part of a multipart form, when the form has that part. */
    private static Optional<String> part(String form, String name) {
        Matcher matcher = Pattern.compile("name=\"" + name + "\"\r\n(?:[^\r\n]+\r\n)*\r\n"
                + "(.*?)\r\n--", Pattern.DOTALL).matcher(form);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    @Nested
    class Requests {

        @Test
        void coreRequestIsMultipartTextToImage() throws Exception {
            Generation generation = generate(adapter, context);

            assertThat(lastRequest().getUrl().encodedPath())
                    .isEqualTo("/v2beta/stable-image/generate/core");
            assertThat(lastRequest().getHeaders().get("Accept")).isEqualTo("image/*");
            String form = lastForm();
            assertThat(part(form, "prompt")).contains("a night market");
            assertThat(part(form, "aspect_ratio")).contains("16:9");
            assertThat(part(form, "seed")).contains("7");
            assertThat(part(form, "output_format")).contains("png");
            assertThat(form).doesNotContain("name=\"model\"");
            assertThat(form).doesNotContain("name=\"image\"");
            assertThat(generation.media().mediaType()).isEqualTo("image/png");
        }

        @Test
        void generationRecordsRequestIdAndNoCost() throws Exception {
            Generation generation = generate(adapter, context);

            assertThat(generation.providerRequestId()).isPresent();
            assertThat(generation.providerRequestId().get()).hasSize(32);
            assertThat(generation.actualUsd()).isEmpty();
        }

        @Test
        void sd35UsesSd3Route() throws Exception {
            adapter.image(imageJob("stability/sd3.5-large-turbo", List.of()), context);

            assertThat(lastRequest().getUrl().encodedPath())
                    .isEqualTo("/v2beta/stable-image/generate/sd3");
            assertThat(part(lastForm(), "model")).contains("sd3.5-large-turbo");
        }

        @Test
        void referenceMakesImageToImage() throws Exception {
            Artifact reference = Artifact.ofBytes("image/png", TestMedia.png(), false);

            adapter.image(imageJob("stability/sd3.5-medium", List.of(reference)), context);

            String form = lastForm();
            assertThat(form).contains("name=\"image\"; filename=\"reference.png\"");
            assertThat(part(form, "strength")).contains("0.5");
            assertThat(part(form, "mode")).contains("image-to-image");
            assertThat(form).doesNotContain("name=\"aspect_ratio\"");
        }

        @Test
        void ultraReferenceSendsNoMode() throws Exception {
            Artifact reference = Artifact.ofBytes("image/png", TestMedia.png(), false);

            adapter.image(imageJob("stability/ultra", List.of(reference)), context);

            assertThat(lastRequest().getUrl().encodedPath())
                    .isEqualTo("/v2beta/stable-image/generate/ultra");
            assertThat(lastForm()).contains("name=\"image\"");
            assertThat(lastForm()).doesNotContain("name=\"mode\"");
        }

        @Test
        void portraitSizePicksPortraitRatio() throws Exception {
            ImageJob job = new ImageJob(catalog.find("stability/core").orElseThrow(), "a door",
                    768, 1344, 0, 0, List.of());

            adapter.image(job, context);

            assertThat(part(lastForm(), "aspect_ratio")).contains("9:16");
        }
    }

    @Nested
    class StabilityResponses {

        @Test
        void contentFilteredResultIsModeration() {
            stability().filterNextResult();

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("CONTENT_FILTERED");
        }

        @Test
        void moderationBodyIsModeration() {
            fake.failNext(Stage.SUBMIT, FakeStabilityServer.error(403, "content_moderation",
                    "Your request was flagged by our content moderation system"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("flagged by our content moderation system");
            assertThat(fake.submits()).isEqualTo(1);
        }

        @Test
        void validationErrorNamesTheField() {
            fake.failNext(Stage.SUBMIT, FakeStabilityServer.error(400, "bad_request",
                    "aspect_ratio: must be one of 16:9, 1:1"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("aspect_ratio"))
                    .hasMessageContaining("bad_request");
        }

        @Test
        void paymentRequiredIsOutOfCredit() {
            fake.failNext(Stage.SUBMIT, FakeStabilityServer.error(402, "payment_required",
                    "You lack sufficient credits to make this request"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(OutOfCreditException.class);
            assertThat(fake.submits()).isEqualTo(1);
        }

        @Test
        void unauthorizedBodyIsKeyRejected() {
            Provider wrongKey = adapter(fake, d -> { }, Optional.of("sk-" + "x".repeat(48)));

            assertThatThrownBy(() -> generate(wrongKey, context))
                    .isInstanceOf(KeyRejectedException.class)
                    .hasMessageContaining("STABILITY_API_KEY")
                    .hasMessageContaining("invalid or missing API key");
        }

        @Test
        void unavailableSubmitIsRetried() throws Exception {
            fake.failNext(Stage.SUBMIT, FakeStabilityServer.error(503, "service_unavailable",
                    "try again"));

            Generation generation = generate(adapter, context);

            assertThat(generation.media().mediaType()).isEqualTo("image/png");
            assertThat(fake.submits()).isEqualTo(2);
        }

        @Test
        void internalErrorOnSubmitIsNotRetried() {
            fake.failNext(Stage.SUBMIT, FakeStabilityServer.error(500, "internal_error",
                    "unexpected"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("HTTP 500");
            assertThat(fake.submits()).isEqualTo(1);
        }
    }
}
