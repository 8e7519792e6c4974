package io.reelgraph.nodes.provider.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.SpeechJob;
import io.reelgraph.nodes.provider.async.SyncCallJournal;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.ErrorMapper;
import io.reelgraph.nodes.provider.http.JsonResponse;
import io.reelgraph.nodes.provider.http.MediaResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ElevenLabs adapter: {@code POST /v1/text-to-speech/{voice_id}} returns the MP3 audio
 * synchronously, with the credits charged in the {@code character-cost} header and the id in
 * {@code request-id}. A voice given by name is looked up once in {@code GET /v1/voices}.
 */
public final class ElevenLabsProvider implements Provider {

    public static final String ID = "elevenlabs";
    /** The output format sent with every request; MP3 is the one audio format typed here. */
    static final String OUTPUT_FORMAT = "mp3_44100_128";

    private static final Logger LOG = LoggerFactory.getLogger(ElevenLabsProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    /** Voice ids are 20 letters and digits, such as {@code 21m00Tcm4TlvDq8ikWAM}. */
    private static final Pattern VOICE_ID = Pattern.compile("[A-Za-z0-9]{20}");
    /** The seed range ElevenLabs accepts: 0 to 4294967295. */
    private static final long SEED_RANGE = 1L << 32;

    private final ProviderClient client;
    private final SyncCallJournal journal = new SyncCallJournal(ID);
    private final Map<String, String> voiceIdsByName = new ConcurrentHashMap<>();

    public ElevenLabsProvider(ProviderClient client) {
        if (!ID.equals(client.endpoints().providerId())) {
            throw new IllegalArgumentException("ElevenLabsProvider needs the client of provider"
                    + " elevenlabs, got " + client.endpoints().providerId());
        }
        this.client = client;
    }

    /** Returns the error mapper for ElevenLabs error bodies, for the provider's client. */
    public static ErrorMapper errors() {
        return new ElevenLabsErrors();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Generation speech(SpeechJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        requireKey(model);
        String voiceId = voiceId(job.voice(), context);

        // Voice settings are left out so the voice keeps the settings stored with it.
        ObjectNode body = JSON.createObjectNode()
                .put("text", job.text())
                .put("model_id", model.apiModel());
        if (model.param("seed").isPresent()) {
            body.put("seed", Math.floorMod(job.seed(), SEED_RANGE));
        }
        HttpUrl url = client.endpoints().baseUrl().newBuilder()
                .addPathSegments("v1/text-to-speech").addPathSegment(voiceId)
                .addQueryParameter("output_format", OUTPUT_FORMAT).build();
        Request request = new Request.Builder().url(url)
                .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build();

        return journal.run(model.id(), () -> {
            MediaResponse response = client.media(request, CallKind.SUBMIT, context,
                    "audio/");
            Artifact audio = Artifact.ofBytes(response.media().info().mediaType(),
                    response.media().bytes(), false);
            return new Generation(audio, actualCost(model, response),
                    response.providerRequestId());
        }, context);
    }

    /**
     * Returns the credits of the {@code character-cost} header times the catalog's price of
     * one credit. The result is an estimate, because the price of a credit depends on the
     * account's plan. It is empty when the header or the catalog price is missing.
     */
    static Optional<BigDecimal> actualCost(ModelSpec model, MediaResponse response) {
        String header = response.headers().get("character-cost");
        String requestId = response.providerRequestId().orElse("none");
        if (header == null) {
            LOG.info("ElevenLabs call of model {} reported no character-cost (request id {})",
                    model.id(), requestId);
            return Optional.empty();
        }
        BigDecimal credits;
        try {
            credits = new BigDecimal(header.strip());
        } catch (NumberFormatException e) {
            LOG.warn("ElevenLabs call of model {} reported the invalid character-cost \"{}\""
                    + " (request id {}); the projected cost stands for the actual cost",
                    model.id(), header, requestId);
            return Optional.empty();
        }
        LOG.info("ElevenLabs call of model {} cost {} credits (request id {})", model.id(),
                credits.toPlainString(), requestId);
        return model.price().creditCost(credits);
    }

    /**
     * Returns the voice id for a voice given as an id or as the name of a voice of the
     * account, such as {@code Rachel}.
     */
    private String voiceId(String voice, WorkContext context)
            throws IOException, ProviderException {
        String trimmed = voice.strip();
        if (VOICE_ID.matcher(trimmed).matches()) {
            return trimmed;
        }
        String key = trimmed.toLowerCase(Locale.ROOT);
        String cached = voiceIdsByName.get(key);
        if (cached != null) {
            return cached;
        }
        Request request = new Request.Builder()
                .url(client.endpoints().resolve("v1/voices")).get().build();
        JsonResponse response = client.call(request, CallKind.POLL, context);
        List<String> names = new ArrayList<>();
        for (JsonNode entry : response.body().path("voices")) {
            String name = entry.path("name").asText();
            String id = entry.path("voice_id").asText();
            names.add(name);
            if (!id.isEmpty() && name.toLowerCase(Locale.ROOT).equals(key)) {
                voiceIdsByName.put(key, id);
                return id;
            }
        }
        throw new InvalidInputException(ID, OptionalInt.empty(), response.providerRequestId(),
                Optional.of("voice_id"), "Voice \"" + trimmed + "\" is neither an ElevenLabs"
                + " voice id nor the name of a voice of this account; voices: "
                + shorten(names) + ". Set the node's voice or voices param to one of them");
    }

    private static String shorten(List<String> names) {
        if (names.isEmpty()) {
            return "(none)";
        }
        return names.size() <= 20 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 20)) + " and " + (names.size() - 20)
                        + " more";
    }

    private void requireKey(ModelSpec model) throws NodeException {
        if (client.keyAlias().isEmpty()) {
            throw new NodeException("Model " + model.id() + " needs an ElevenLabs key: add one"
                    + " to the vault or set ELEVENLABS_API_KEY, or run with --draft to use the"
                    + " free draft provider");
        }
    }
}
