package io.reelgraph.nodes.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.nodes.draft.DraftVideo;
import io.reelgraph.nodes.draft.VideoRequest;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.fal.TestMedia;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A fake of the Gemini API on loopback, under {@code /v1beta}. {@code :predict} returns
 * a base64 PNG, {@code :generateContent} with an inline image part and token usage,
 * {@code :predictLongRunning} with an operation name. An operation reads without {@code done}
 * twice, then {@code done:true} with a video file URI on the same host, which answers only with
 * the key, as Google's file downloads do. Requests need {@code x-goog-api-key}: a wrong key
 * gets Google's 400 {@code API_KEY_INVALID}, a missing one 403 {@code PERMISSION_DENIED}.
 */
public final class FakeGoogleServer implements FakeProvider {

    static final String KEY = "AIzaSyFAKE0123456789abcdefghijklmnopqrs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/v1beta";

    private final MockWebServer api = new MockWebServer();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<Stage, ArrayDeque<MockResponse>> scripted =
            Collections.synchronizedMap(new EnumMap<>(Stage.class));
    private final List<String> mediaKeys = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile boolean stallSubmits;
    private volatile boolean holdRunning;
    private volatile String finished;
    private volatile byte[] media = mp4();
    private volatile byte[] image = TestMedia.png();

    public FakeGoogleServer() throws IOException {
        api.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return api(request);
            }
        });
        api.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** Returns a short real H.264 MP4. */
    static byte[] mp4() {
        return DraftVideo.fromImage(TestMedia.png(), new VideoRequest(24, 24, 1, 64, 64, "", 1,
                0));
    }

    @Override
    public String baseUrl() {
        return api.url(BASE + "/").toString();
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public int submits() {
        return submits.get();
    }

    @Override
    public int cancels() {
        return cancels.get();
    }

    @Override
    public void failNext(Stage stage, MockResponse response) {
        scripted.computeIfAbsent(stage, s -> new ArrayDeque<>()).add(response);
    }

    @Override
    public void stallSubmits() {
        stallSubmits = true;
    }

    @Override
    public void holdJobsRunning() {
        holdRunning = true;
    }

    @Override
    public void serveMedia(byte[] bytes) {
        media = bytes.clone();
    }

    /** Serves these bytes, base64 encoded, as the image of {@code :predict} and Gemini. */
    void serveImage(byte[] bytes) {
        image = bytes.clone();
    }

    /** Ends every operation with this JSON in place of its {@code response} or error. */
    void finishOperationsWith(String fields) {
        finished = fields;
    }

    /** Returns the JSON bodies of the POST requests, in order. */
    List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    /** Returns the paths of the POST requests, in order. */
    List<String> postPaths() {
        return List.copyOf(paths);
    }

    @Override
    public List<String> mediaAuthorizationHeaders() {
        return List.copyOf(mediaKeys);
    }

    @Override
    public ProviderJob createJob() {
        String name = "models/veo-3.0-generate-001/operations/earlier" + ids.incrementAndGet();
        String url = api.url(BASE + "/" + name).toString();
        return new ProviderJob(name, Optional.empty(), Optional.of(url), Optional.of(url),
                Optional.empty());
    }

    private Optional<MockResponse> scripted(Stage stage) {
        synchronized (scripted) {
            ArrayDeque<MockResponse> queued = scripted.get(stage);
            return queued == null ? Optional.empty() : Optional.ofNullable(queued.poll());
        }
    }

    private MockResponse api(RecordedRequest request) {
        String key = request.getHeaders().get("x-goog-api-key");
        String path = request.getUrl().encodedPath();
        if (key == null) {
            return error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers"
                    + " (callers without established identity). Please use API Key or other"
                    + " form of API consumer identity to call this API.", "");
        }
        if (!KEY.equals(key)) {
            return error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API"
                    + " key.", ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc"
                    + ".ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
                    + "\"domain\":\"googleapis.com\"}]");
        }
        if (path.startsWith(BASE + "/files/")) {
            return media(key);
        }
        if ("POST".equals(request.getMethod())) {
            return post(path, request);
        }
        if (path.contains("/operations/")) {
            return scripted(Stage.POLL).orElseGet(() -> operation(path));
        }
        return error(404, "NOT_FOUND", "Requested entity was not found.", "");
    }

    private MockResponse post(String path, RecordedRequest request) {
        if (path.endsWith(":cancel")) {
            cancels.incrementAndGet();
            return error(404, "NOT_FOUND", "Method not found.", "");
        }
        submits.incrementAndGet();
        paths.add(path);
        try {
            bodies.add(JSON.readTree(request.getBody().utf8()));
        } catch (IOException e) {
            return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.", "");
        }
        Optional<MockResponse> failure = scripted(Stage.SUBMIT);
        if (failure.isPresent()) {
            return failure.get();
        }
        String model = path.substring((BASE + "/models/").length(), path.lastIndexOf(':'));
        String encoded = Base64.getEncoder().encodeToString(image);
        MockResponse.Builder response;
        if (path.endsWith(":predict")) {
            response = ok("{\"predictions\":[{\"mimeType\":\"image/png\",\"bytesBase64Encoded\":\""
                    + encoded + "\"}]}");
        } else if (path.endsWith(":generateContent")) {
            response = ok("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
                    + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + encoded
                    + "\"}}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":"
                    + "{\"promptTokenCount\":9,\"candidatesTokenCount\":1290,"
                    + "\"totalTokenCount\":1299},\"modelVersion\":\"" + model
                    + "\",\"responseId\":\"resp-" + ids.incrementAndGet() + "\"}");
        } else {
            response = ok("{\"name\":\"models/" + model + "/operations/op"
                    + ids.incrementAndGet() + "\"}");
        }
        if (stallSubmits) {
            response.bodyDelay(5, TimeUnit.SECONDS);
        }
        return response.build();
    }

    private MockResponse operation(String path) {
        String name = path.substring(BASE.length() + 1);
        int poll = polls.computeIfAbsent(name, k -> new AtomicInteger()).getAndIncrement();
        if (holdRunning || poll < 2) {
            return ok("{\"name\":\"" + name + "\"}").build();
        }
        Optional<MockResponse> result = scripted(Stage.RESULT);
        if (result.isPresent()) {
            return result.get();
        }
        String outcome = finished != null ? finished
                : "\"response\":{\"@type\":\"type.googleapis.com/google.ai"
                + ".generativelanguage.v1beta.PredictLongRunningResponse\",\"generateVideoResponse\":{\"generatedSamples\":"
                + "[{\"video\":{\"uri\":\"" + api.url(BASE + "/files/" + name.replace('/', '-')
                + ":download?alt=media") + "\"}}]}}";
        return ok("{\"name\":\"" + name + "\",\"done\":true," + outcome + "}").build();
    }

    private MockResponse media(String key) {
        mediaKeys.add(key);
        return scripted(Stage.MEDIA).orElseGet(() -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "video/mp4").body(new Buffer().write(media)).build());
    }

    private static MockResponse.Builder ok(String body) {
        return new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json; charset=UTF-8").body(body);
    }

    static MockResponse error(int code, String status, String message, String more) {
        return new MockResponse.Builder().code(code)
                .addHeader("Content-Type", "application/json; charset=UTF-8")
                .body("{\"error\":{\"code\":" + code + ",\"message\":\"" + message
                        + "\",\"status\":\"" + status + "\"" + more + "}}").build();
    }

    @Override
    public void close() {
        api.close();
    }
}
