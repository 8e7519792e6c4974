package io.reelgraph.nodes.provider.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.SyncProviderContractTest;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A fake of ElevenLabs text-to-speech on loopback. {@code POST /v1/text-to-speech/{voice_id}}
 * returns MP3 bytes with the {@code request-id} and {@code character-cost} headers (one credit
 * per character, as for Multilingual v2); {@code GET /v1/voices} lists two voices. A request
 * without the {@code xi-api-key} header of the key gets 401 {@code invalid_api_key}, and an
 * unknown voice id gets {@code voice_not_found}. A scripted {@link Stage#MEDIA} failure
 * replaces the response of the speech POST, because that response is the audio.
 */
public final class FakeElevenLabsServer implements FakeProvider {

    static final String KEY = "sk_0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String RACHEL = "21m00Tcm4TlvDq8ikWAM";
    static final String ADAM = "pNInz6obpgDQGcFmaJgB";
    /** More premade voices, so the sample graph's cast can speak against this fake. */
    private static final java.util.Map<String, String> MORE = java.util.Map.of(
            "Clyde", "2EiwWnXFnvU5JabPnv8n", "Dorothy", "ThT5KcBeYPX3keUQqHPh",
            "Harry", "SOYHLrjzK2X1ezoPC6cr");
    private static final String EXTRA_VOICES = MORE.entrySet().stream()
            .sorted(java.util.Map.Entry.comparingByKey())
            .map(voice -> ",{\"voice_id\":\"" + voice.getValue() + "\",\"name\":\""
                    + voice.getKey() + "\",\"category\":\"premade\"}")
            .collect(java.util.stream.Collectors.joining());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger voiceLists = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Stage, ArrayDeque<MockResponse>> scripted =
            Collections.synchronizedMap(new EnumMap<>(Stage.class));
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile boolean stallSubmits;
    private volatile byte[] audio = SyncProviderContractTest.mp3();

    public FakeElevenLabsServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return respond(request);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @Override
    public String baseUrl() {
        return server.url("/").toString();
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public int submits() {
        return submits.get();
    }

    /** ElevenLabs text-to-speech has no cancel. */
    @Override
    public int cancels() {
        return 0;
    }

    int voiceLists() {
        return voiceLists.get();
    }

    @Override
    public void failNext(Stage stage, MockResponse response) {
        if (stage == Stage.POLL || stage == Stage.RESULT) {
            throw new IllegalArgumentException("ElevenLabs text-to-speech has no " + stage
                    + " stage; script a SUBMIT or MEDIA failure");
        }
        scripted.computeIfAbsent(stage, s -> new ArrayDeque<>()).add(response);
    }

    @Override
    public void stallSubmits() {
        stallSubmits = true;
    }

    @Override
    public void holdJobsRunning() {
        throw new UnsupportedOperationException("ElevenLabs text-to-speech has no jobs");
    }

    @Override
    public void serveMedia(byte[] bytes) {
        audio = bytes.clone();
    }

    @Override
    public List<String> mediaAuthorizationHeaders() {
        return List.of();
    }

    @Override
    public ProviderJob createJob() {
        throw new UnsupportedOperationException("ElevenLabs text-to-speech has no jobs");
    }

    /** Returns the requests the fake received, in order. */
    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    private Optional<MockResponse> scripted(Stage stage) {
        synchronized (scripted) {
            ArrayDeque<MockResponse> queued = scripted.get(stage);
            return queued == null ? Optional.empty() : Optional.ofNullable(queued.poll());
        }
    }

    private MockResponse respond(RecordedRequest request) {
        requests.add(request);
        if (!KEY.equals(request.getHeaders().get("xi-api-key"))) {
            return error(401, "invalid_api_key", "Invalid API key");
        }
        String path = request.getUrl().encodedPath();
        if ("GET".equals(request.getMethod()) && "/v1/voices".equals(path)) {
            voiceLists.incrementAndGet();
            return json(200, "{\"voices\":[{\"voice_id\":\"" + RACHEL + "\",\"name\":\"Rachel\","
                    + "\"category\":\"premade\"},{\"voice_id\":\"" + ADAM + "\",\"name\":\"Adam\","
                    + "\"category\":\"premade\"}" + EXTRA_VOICES + "]}");
        }
        if ("GET".equals(request.getMethod()) && "/v1/user".equals(path)) {
            return json(200, "{\"user_id\":\"u1\",\"subscription\":{\"tier\":\"creator\","
                    + "\"character_count\":1200,\"character_limit\":100000}}");
        }
        String prefix = "/v1/text-to-speech/";
        if (!"POST".equals(request.getMethod()) || !path.startsWith(prefix)) {
            return json(404, "{\"detail\":\"Not Found\"}");
        }
        submits.incrementAndGet();
        Optional<MockResponse> failure = scripted(Stage.SUBMIT).or(() -> scripted(Stage.MEDIA));
        if (failure.isPresent()) {
            return failure.get();
        }
        String voice = path.substring(prefix.length());
        if (!voice.equals(RACHEL) && !voice.equals(ADAM) && !MORE.containsValue(voice)) {
            return error(400, "voice_not_found", "A voice with the voice_id " + voice
                    + " was not found.");
        }
        return speech(request);
    }

    private MockResponse speech(RecordedRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            return json(400, "{\"detail\":\"Invalid JSON\"}");
        }
        if (!body.path("text").isTextual()) {
            return json(422, "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"text\"],"
                    + "\"msg\":\"Field required\"}]}");
        }
        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "audio/mpeg")
                .addHeader("request-id", "el-" + ids.incrementAndGet())
                .addHeader("character-cost", body.get("text").asText().length())
                .body(new Buffer().write(audio));
        if (stallSubmits) {
            response.bodyDelay(5, TimeUnit.SECONDS);
        }
        return response.build();
    }

    /** Returns an ElevenLabs error: {@code {"detail":{"status":..., "message":...}}}. */
    static MockResponse error(int code, String status, String message) {
        return json(code, "{\"detail\":{\"status\":\"" + status + "\",\"message\":\"" + message
                + "\"}}");
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
