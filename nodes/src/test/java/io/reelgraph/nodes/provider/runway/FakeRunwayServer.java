package io.reelgraph.nodes.provider.runway;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A fake of Runway's task API on loopback. Every request needs {@code Authorization: Bearer
 * <key>} (401 otherwise) and {@code X-Runway-Version: 2024-11-06} (400 otherwise). A create
 * call returns {@code {"id":"<uuid>"}}; the task then reads {@code PENDING}, {@code RUNNING}
 * with progress 0.3 and 0.7, and {@code SUCCEEDED} with one output URL on a second loopback
 * server that plays CloudFront, with a {@code _jwt} query as Runway's URLs have. Reads of a
 * task after it succeeded count as the result stage. {@code DELETE} answers 204.
 */
final class FakeRunwayServer implements FakeProvider {

    static final String KEY = "key_5f0c8e2a9b7d4c1e3a6f8b0d2c4e6a8b"
            + "5f0c8e2a9b7d4c1e3a6f8b0d2c4e6a8b";
    static final String VERSION = "2024-11-06";

    private final MockWebServer api = new MockWebServer();
    private final MockWebServer cdn = new MockWebServer();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<String, String> failureCodes = new ConcurrentHashMap<>();
    private final Map<Stage, ArrayDeque<MockResponse>> scripted =
            Collections.synchronizedMap(new EnumMap<>(Stage.class));
    private final List<String> mediaAuthorization = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordedRequest> creates = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stallSubmits;
    private volatile boolean holdRunning;
    private volatile boolean throttleFirst;
    private volatile String nextFailureCode;
    private volatile byte[] media = TestMedia.png();
    private volatile String mediaSuffix = ".png";

    FakeRunwayServer() throws IOException {
        api.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return api(request);
            }
        });
        cdn.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return media(request);
            }
        });
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        api.start(loopback, 0);
        cdn.start(loopback, 0);
    }

    @Override
    public String baseUrl() {
        return api.url("/v1").toString();
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

    /** Serves a video file, named with the suffix Runway's URLs have for it. */
    void serveVideo(byte[] bytes) {
        media = bytes.clone();
        mediaSuffix = ".mp4";
    }

    /** Makes the next task report {@code THROTTLED} before it starts. */
    void throttleNextTask() {
        throttleFirst = true;
    }

    /** Makes the next task end as {@code FAILED} with this {@code failureCode}. */
    void failNextTask(String failureCode) {
        nextFailureCode = failureCode;
    }

    @Override
    public List<String> mediaAuthorizationHeaders() {
        return List.copyOf(mediaAuthorization);
    }

    /** Returns the create requests the fake received, in order. */
    List<RecordedRequest> creates() {
        return List.copyOf(creates);
    }

    @Override
    public ProviderJob createJob() {
        String id = UUID.randomUUID().toString();
        polls.put(id, new AtomicInteger());
        String url = api.url("/v1/tasks/" + id).toString();
        return new ProviderJob(id, Optional.of(id), Optional.of(url), Optional.of(url),
                Optional.of(url));
    }

    private Optional<MockResponse> scripted(Stage stage) {
        ArrayDeque<MockResponse> queued = scripted.get(stage);
        synchronized (scripted) {
            return queued == null ? Optional.empty() : Optional.ofNullable(queued.poll());
        }
    }

    private MockResponse api(RecordedRequest request) {
        if (!("Bearer " + KEY).equals(request.getHeaders().get("Authorization"))) {
            return json(401, "{\"error\":\"Invalid API key\"}");
        }
        if (!VERSION.equals(request.getHeaders().get("X-Runway-Version"))) {
            return json(400, "{\"error\":\"X-Runway-Version header is missing or invalid\"}");
        }
        String path = request.getUrl().encodedPath();
        String method = request.getMethod();
        if ("POST".equals(method) && (path.equals("/v1/image_to_video")
                || path.equals("/v1/text_to_image") || path.equals("/v1/text_to_video"))) {
            return create(request);
        }
        if (!path.startsWith("/v1/tasks/") || !polls.containsKey(path.substring(10))) {
            return json(404, "{\"error\":\"Not found\"}");
        }
        String id = path.substring(10);
        if ("DELETE".equals(method)) {
            cancels.incrementAndGet();
            return new MockResponse.Builder().code(204).build();
        }
        return task(id);
    }

    private MockResponse create(RecordedRequest request) {
        submits.incrementAndGet();
        creates.add(request);
        Optional<MockResponse> failure = scripted(Stage.SUBMIT);
        if (failure.isPresent()) {
            return failure.get();
        }
        String id = UUID.randomUUID().toString();
        polls.put(id, new AtomicInteger(throttleFirst ? -1 : 0));
        throttleFirst = false;
        if (nextFailureCode != null) {
            failureCodes.put(id, nextFailureCode);
            nextFailureCode = null;
        }
        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json")
                .body("{\"id\":\"" + id + "\"}");
        if (stallSubmits) {
            response.bodyDelay(5, TimeUnit.SECONDS);
        }
        return response.build();
    }

    private MockResponse task(String id) {
        AtomicInteger count = polls.get(id);
        // A read after the task has reported SUCCEEDED is the adapter fetching the result.
        Stage stage = count.get() > 3 && !holdRunning ? Stage.RESULT : Stage.POLL;
        Optional<MockResponse> failure = scripted(stage);
        if (failure.isPresent()) {
            return failure.get();
        }
        int poll = count.getAndIncrement();
        String created = ",\"createdAt\":\"2026-12-04T10:00:00.000Z\"";
        if (poll < 0) {
            return json(200, "{\"id\":\"" + id + "\",\"status\":\"THROTTLED\"" + created + "}");
        }
        if (poll == 0) {
            return json(200, "{\"id\":\"" + id + "\",\"status\":\"PENDING\"" + created + "}");
        }
        if (holdRunning || poll < 3) {
            return json(200, "{\"id\":\"" + id + "\",\"status\":\"RUNNING\",\"progress\":"
                    + (poll == 1 ? "0.3" : "0.7") + created + "}");
        }
        String failureCode = failureCodes.get(id);
        if (failureCode != null) {
            return json(200, "{\"id\":\"" + id + "\",\"status\":\"FAILED\",\"failure\":"
                    + "\"The input did not pass moderation\",\"failureCode\":\"" + failureCode
                    + "\"" + created + "}");
        }
        String output = cdn.url("/task/" + id + "/0" + mediaSuffix + "?_jwt=eyJhbGciOi.x.y")
                .toString();
        return json(200, "{\"id\":\"" + id + "\",\"status\":\"SUCCEEDED\",\"output\":[\""
                + output + "\"]" + created + "}");
    }

    private MockResponse media(RecordedRequest request) {
        mediaAuthorization.add(String.valueOf(request.getHeaders().get("Authorization")));
        return scripted(Stage.MEDIA).orElseGet(() -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", mediaSuffix.equals(".mp4") ? "video/mp4" : "image/png")
                .body(new Buffer().write(media)).build());
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build();
    }

    @Override
    public void close() {
        api.close();
        cdn.close();
    }
}
