package io.reelgraph.nodes.provider.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.FakeProvider.Stage;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.provider.SpeechJob;
import io.reelgraph.nodes.provider.SyncProviderContractTest;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.KeyRejectedException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.RateLimitedException;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.http.Sleeper;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ElevenLabsProviderContractTest extends SyncProviderContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCatalog catalog;

    @Override
    protected FakeProvider startFake() throws Exception {
        catalog = ModelCatalog.load();
        return new FakeElevenLabsServer();
    }

    @Override
    protected Provider adapter(FakeProvider fake, Sleeper sleeper, Optional<String> key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("REELGRAPH_ELEVENLABS_BASE_URL", fake.baseUrl());
        key.ifPresent(value -> environment.put("ELEVENLABS_API_KEY", value));
        ProviderClient client = new ProviderClient(
                ProviderEndpoints.of(catalog.provider("elevenlabs").orElseThrow(), environment),
                new EnvironmentKeyLookup(catalog, environment), TEST_SETTINGS,
                ElevenLabsProvider.errors(), sleeper);
        return new ElevenLabsProvider(client);
    }

    @Override
    protected Generation generate(Provider adapter, WorkContext context) throws Exception {
        return adapter.speech(job(FakeElevenLabsServer.RACHEL), context);
    }

    @Override
    protected String keyAlias() {
        return "ELEVENLABS_API_KEY";
    }

    @Override
    protected String mediaType() {
        return "audio/mpeg";
    }

    /** The speech endpoint returns audio on success, never JSON. */
    @Override
    protected Optional<Stage> jsonStage() {
        return Optional.empty();
    }

    private SpeechJob job(String voice) {
        return new SpeechJob(catalog.find("elevenlabs/eleven_multilingual_v2").orElseThrow(),
                "We leave at dawn.", voice, 7, 0);
    }

    private FakeElevenLabsServer server() {
        return (FakeElevenLabsServer) fake;
    }

    private RecordedRequest lastRequest() {
        List<RecordedRequest> requests = server().requests();
        return requests.get(requests.size() - 1);
    }

    @Test
    void standardProvidersHaveElevenLabs() {
        Providers providers = Providers.standard(catalog,
                new EnvironmentKeyLookup(catalog, Map.of()), Map.of());

        assertThat(providers.has(ElevenLabsProvider.ID)).isTrue();
    }

    @Nested
    class Requests {

        @Test
        void speechRequestFollowsApi() throws Exception {
            Generation generation = generate(adapter, context);

            RecordedRequest request = lastRequest();
            JsonNode body = JSON.readTree(request.getBody().utf8());
            assertThat(request.getUrl().encodedPath())
                    .isEqualTo("/v1/text-to-speech/" + FakeElevenLabsServer.RACHEL);
            assertThat(request.getUrl().queryParameter("output_format"))
                    .isEqualTo("mp3_44100_128");
            assertThat(request.getHeaders().get("xi-api-key")).isEqualTo(fake.key());
            assertThat(request.getHeaders().get("Authorization")).isNull();
            assertThat(body.path("text").asText()).isEqualTo("We leave at dawn.");
            assertThat(body.path("model_id").asText()).isEqualTo("eleven_multilingual_v2");
            assertThat(body.path("seed").asLong()).isEqualTo(7);
            assertThat(body.has("voice_settings")).isFalse();
            assertThat(generation.providerRequestId()).contains("el-1");
        }

        @Test
        void characterCostGivesActualCost() throws Exception {
            Generation generation = generate(adapter, context);

            // The fake charges one credit per character: 17 credits x $0.0001 per credit.
            assertThat(generation.actualUsd()).hasValueSatisfying(usd ->
                    assertThat(usd).isEqualByComparingTo("0.0017"));
        }

        @Test
        void missingCharacterCostLeavesActualCostEmpty() throws Exception {
            fake.failNext(Stage.MEDIA, new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "audio/mpeg")
                    .addHeader("request-id", "el-9")
                    .body(new Buffer().write(SyncProviderContractTest.mp3())).build());

            Generation generation = generate(adapter, context);

            assertThat(generation.providerRequestId()).contains("el-9");
            assertThat(generation.actualUsd()).isEmpty();
        }

        @Test
        void negativeSeedWrapsIntoRange() throws Exception {
            SpeechJob job = new SpeechJob(catalog.find("elevenlabs/eleven_v3").orElseThrow(),
                    "Go.", FakeElevenLabsServer.ADAM, -1, 0);

            adapter.speech(job, context);

            JsonNode body = JSON.readTree(lastRequest().getBody().utf8());
            assertThat(body.path("seed").asLong()).isEqualTo(4_294_967_295L);
        }

        @Test
        void voiceNameIsLookedUpOnce() throws Exception {
            adapter.speech(job("rachel"), context);
            context.job().orElseThrow().forget();
            adapter.speech(job("Rachel"), context);

            assertThat(server().voiceLists()).isEqualTo(1);
            assertThat(lastRequest().getUrl().encodedPath())
                    .isEqualTo("/v1/text-to-speech/" + FakeElevenLabsServer.RACHEL);
            assertThat(fake.submits()).isEqualTo(2);
        }

        @Test
        void unknownVoiceNameSendsNothing() {
            assertThatThrownBy(() -> adapter.speech(job("narrator"), context))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("voice_id"))
                    .hasMessageContaining("voices: Rachel, Adam");
            assertThat(fake.submits()).isZero();
        }
    }

    @Nested
    class ElevenLabsErrorBodies {

        @Test
        void quotaExceededIsOutOfCredit() {
            fake.failNext(Stage.SUBMIT, FakeElevenLabsServer.error(401, "quota_exceeded",
                    "You have insufficient quota to complete this request"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(OutOfCreditException.class)
                    .hasMessageContaining("quota_exceeded");
            assertThat(fake.submits()).isEqualTo(1);
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        }

        @Test
        void invalidKeyNamesAlias() {
            Provider wrongKey = adapter(fake, d -> { }, Optional.of("sk_wrong"));

            assertThatThrownBy(() -> generate(wrongKey, context))
                    .isInstanceOf(KeyRejectedException.class)
                    .hasMessageContaining("ELEVENLABS_API_KEY")
                    .hasMessageContaining("invalid_api_key")
                    .hasMessageNotContaining("sk_wrong");
        }

        @Test
        void unknownVoiceIdNamesField() {
            assertThatThrownBy(() -> adapter.speech(job("AAAAAAAAAAAAAAAAAAAA"), context))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("voice_id"));
        }

        @Test
        void textTooLongNamesField() {
            fake.failNext(Stage.SUBMIT, FakeElevenLabsServer.error(400,
                    "max_character_limit_exceeded", "This request's text has 10100 characters"
                    + " and exceeds the character limit of 10000 characters."));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("text"));
        }

        @Test
        void concurrencyLimitIsRetried() throws Exception {
            fake.failNext(Stage.SUBMIT, FakeElevenLabsServer.error(429,
                    "too_many_concurrent_requests", "Too many concurrent requests."));

            Generation generation = generate(adapter, context);

            assertThat(generation.media().mediaType()).isEqualTo("audio/mpeg");
            assertThat(fake.submits()).isEqualTo(2);
        }

        @Test
        void concurrencyLimitRetriesAreBounded() {
            for (int i = 0; i < 5; i++) {
                fake.failNext(Stage.SUBMIT, FakeElevenLabsServer.error(429, "system_busy",
                        "The system is under heavy load."));
            }

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(RateLimitedException.class)
                    .hasMessageContaining("system_busy");
            assertThat(fake.submits()).isEqualTo(TEST_SETTINGS.maxRetries() + 1);
        }

        @Test
        void validationListNamesField() {
            fake.failNext(Stage.SUBMIT, new MockResponse.Builder().code(422)
                    .addHeader("Content-Type", "application/json")
                    .body("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"model_id\"],"
                            + "\"msg\":\"Field required\"}]}").build());

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("model_id"));
        }
    }
}
