package io.reelgraph.nodes.provider.openai;

import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.SyncProviderContractTest;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A fake of OpenAI's synchronous image and speech endpoints on loopback.
 * {@code POST /images/generations} and {@code /images/edits} return the image as
 * {@code data[0].b64_json} with {@code usage} tokens; {@code POST /audio/speech} returns MP3
 * bytes. Responses carry {@code x-request-id} and the {@code x-ratelimit-*} headers. A request
 * without {@code Authorization: Bearer <key>} gets OpenAI's 401 {@code invalid_api_key} body.
 * A scripted {@link Stage#MEDIA} failure replaces the response of the POST, because that
 * response contains the media.
 */
public final class FakeOpenAiServer implements FakeProvider {

    static final String KEY = "sk-proj-fakeKey0123456789abcdefghijklmnopqrstuvwxyzABCD";

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Stage, ArrayDeque<MockResponse>> scripted =
            Collections.synchronizedMap(new EnumMap<>(Stage.class));
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile boolean stallSubmits;
    private volatile byte[] image = TestMedia.png();

    public FakeOpenAiServer() throws IOException {
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
        return server.url("/v1").toString();
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public int submits() {
        return submits.get();
    }

    /** OpenAI's image and speech calls have no cancel. */
    @Override
    public int cancels() {
        return 0;
    }

    @Override
    public void failNext(Stage stage, MockResponse response) {
        if (stage == Stage.POLL || stage == Stage.RESULT) {
            throw new IllegalArgumentException("OpenAI's image and speech calls have no "
                    + stage + " stage; script a SUBMIT or MEDIA failure");
        }
        scripted.computeIfAbsent(stage, s -> new ArrayDeque<>()).add(response);
    }

    @Override
    public void stallSubmits() {
        stallSubmits = true;
    }

    @Override
    public void holdJobsRunning() {
        throw new UnsupportedOperationException("OpenAI's image and speech calls have no jobs");
    }

    @Override
    public void serveMedia(byte[] bytes) {
        image = bytes.clone();
    }

    @Override
    public List<String> mediaAuthorizationHeaders() {
        return List.of();
    }

    @Override
    public ProviderJob createJob() {
        throw new UnsupportedOperationException("OpenAI's image and speech calls have no jobs");
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
        if (!("Bearer " + KEY).equals(request.getHeaders().get("Authorization"))) {
            return error(401, "Incorrect API key provided: sk-proj-****ABCD. You can find your"
                    + " API key at https://platform.openai.com/account/api-keys.",
                    "invalid_request_error", null, "invalid_api_key");
        }

        String path = request.getUrl().encodedPath();
        if ("GET".equals(request.getMethod()) && "/v1/models".equals(path)) {
            return new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "application/json")
                    .addHeader("x-request-id", "req_" + ids.incrementAndGet())
                    .body("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-image-1\","
                            + "\"object\":\"model\",\"owned_by\":\"system\"}]}")
                    .build();
        }
        if (!"POST".equals(request.getMethod())) {
            return error(404, "Invalid URL (" + request.getMethod() + " " + path + ")",
                    "invalid_request_error", null, null);
        }

        submits.incrementAndGet();
        Optional<MockResponse> failure = scripted(Stage.SUBMIT).or(() -> scripted(Stage.MEDIA));
        if (failure.isPresent()) {
            return failure.get();
        }

        MockResponse.Builder response = switch (path) {
            case "/v1/images/generations", "/v1/images/edits" -> imageResponse();
            case "/v1/audio/speech" -> new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "audio/mpeg")
                    .body(new Buffer().write(SyncProviderContractTest.mp3()));
            default -> null;
        };
        if (response == null) {
            return error(404, "Invalid URL (POST " + path + ")", "invalid_request_error", null,
                    null);
        }

        response.addHeader("x-request-id", "req_" + ids.incrementAndGet())
                .addHeader("x-ratelimit-limit-requests", "50")
                .addHeader("x-ratelimit-remaining-requests", "49")
                .addHeader("x-ratelimit-reset-requests", "1.2s");
        if (stallSubmits) {
            response.bodyDelay(5, TimeUnit.SECONDS);
        }
        return response.build();
    }

    private MockResponse.Builder imageResponse() {
        String body = "{\"created\":1764806400,\"background\":\"opaque\",\"data\":[{\"b64_json\":\""
                + Base64.getEncoder().encodeToString(image) + "\"}],\"output_format\":\"png\","
                + "\"quality\":\"medium\",\"size\":\"1536x1024\",\"usage\":{\"input_tokens\":12,"
                + "\"input_tokens_details\":{\"image_tokens\":0,\"text_tokens\":12},"
                + "\"output_tokens\":1584,\"total_tokens\":1596}}";
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(body);
    }

    /** Returns an OpenAI error response: {@code {"error":{message,type,param,code}}}. */
    static MockResponse error(int status, String message, String type, String param,
            String code) {
        String body = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type
                + "\",\"param\":" + quoted(param) + ",\"code\":" + quoted(code) + "}}";
        return new MockResponse.Builder().code(status)
                .addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    @Override
    public void close() {
        server.close();
    }
}
