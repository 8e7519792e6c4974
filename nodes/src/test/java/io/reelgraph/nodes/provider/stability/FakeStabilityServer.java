package io.reelgraph.nodes.provider.stability;

import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.fal.TestMedia;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A fake of Stability's v2beta generate routes on loopback. Requests need
 * {@code Authorization: Bearer <key>}, a multipart form with a non-empty {@code prompt} and
 * {@code Accept: image/*}; anything else gets Stability's error body
 * {@code {"id","name","errors"}}. Success is HTTP 200 with the image bytes and the
 * {@code finish-reason}, {@code seed} and {@code x-request-id} headers. The generate call is
 * synchronous, so a scripted failure of the media stage replaces the generate response. There
 * are no jobs to poll, fetch or cancel.
 */
final class FakeStabilityServer implements FakeProvider {

    static final String KEY = "sk-Qm9ndXNLZXlGb3JUZXN0c09ubHkxMjM0NTY3ODkwYWJjZGVm";
    static final String SEED = "12345";

    private final MockWebServer api = new MockWebServer();
    private final AtomicInteger submits = new AtomicInteger();
    private final Map<Stage, ArrayDeque<MockResponse>> scripted =
            Collections.synchronizedMap(new EnumMap<>(Stage.class));
    private final List<RecordedRequest> generates = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stallSubmits;
    private volatile boolean filterNext;
    private volatile byte[] media = TestMedia.png();

    FakeStabilityServer() throws IOException {
        api.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return api(request);
            }
        });
        api.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @Override
    public String baseUrl() {
        return api.url("/").toString();
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
        return 0;
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
        throw new UnsupportedOperationException("Stability's generate call is synchronous, so"
                + " the fake has no jobs to hold running");
    }

    @Override
    public void serveMedia(byte[] bytes) {
        media = bytes.clone();
    }

    /** Makes the next generate call report {@code finish-reason: CONTENT_FILTERED}. */
    void filterNextResult() {
        filterNext = true;
    }

    @Override
    public List<String> mediaAuthorizationHeaders() {
        throw new UnsupportedOperationException("Stability returns the image in the generate"
                + " response, so the fake serves no media URLs");
    }

    @Override
    public ProviderJob createJob() {
        throw new UnsupportedOperationException("Stability's generate call is synchronous, so"
                + " the fake has no jobs to create");
    }

    /** Returns the generate requests the fake received, in order. */
    List<RecordedRequest> generates() {
        return List.copyOf(generates);
    }

    private Optional<MockResponse> scripted(Stage stage) {
        ArrayDeque<MockResponse> queued = scripted.get(stage);
        synchronized (scripted) {
            return queued == null ? Optional.empty() : Optional.ofNullable(queued.poll());
        }
    }

    private MockResponse api(RecordedRequest request) {
        if (!("Bearer " + KEY).equals(request.getHeaders().get("Authorization"))) {
            return error(401, "unauthorized", "authorization: invalid or missing API key");
        }
        String path = request.getUrl().encodedPath();
        if (!"POST".equals(request.getMethod()) || !List.of("/v2beta/stable-image/generate/ultra",
                "/v2beta/stable-image/generate/core", "/v2beta/stable-image/generate/sd3")
                .contains(path)) {
            return error(404, "not_found", "path: " + path + " was not found");
        }

        submits.incrementAndGet();
        generates.add(request);
        Optional<MockResponse> failure = scripted(Stage.SUBMIT).or(() -> scripted(Stage.MEDIA));
        if (failure.isPresent()) {
            return failure.get();
        }

        String contentType = String.valueOf(request.getHeaders().get("Content-Type"));
        if (!contentType.startsWith("multipart/form-data")) {
            return error(400, "bad_request", "content-type: must be multipart/form-data");
        }
        if (!String.valueOf(request.getHeaders().get("Accept")).equals("image/*")) {
            return error(400, "bad_request", "accept: this fake serves image/* only");
        }
        if (!request.getBody().utf8().contains("name=\"prompt\"")) {
            return error(400, "bad_request", "prompt: cannot be empty");
        }

        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "image/png")
                .addHeader("finish-reason", filterNext ? "CONTENT_FILTERED" : "SUCCESS")
                .addHeader("seed", SEED)
                .addHeader("x-request-id", UUID.randomUUID().toString().replace("-", ""))
                .body(new Buffer().write(media));
        filterNext = false;
        if (stallSubmits) {
            response.bodyDelay(5, TimeUnit.SECONDS);
        }
        return response.build();
    }

    static MockResponse error(int code, String name, String message) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"id\":\"" + UUID.randomUUID().toString().replace("-", "")
                        + "\",\"name\":\"" + name + "\",\"errors\":[\"" + message + "\"]}")
                .build();
    }

    @Override
    public void close() {
        api.close();
    }
}
