package io.reelgraph.nodes.provider.fal;

import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.nodes.provider.FakeProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A fake of fal's queue API on loopback: submit returns {@code request_id}, {@code status_url},
 * {@code response_url} and {@code cancel_url} under {@code owner/app/requests/{id}} (dropping
 * the rest of the model path, as fal does); status answers 202 {@code IN_QUEUE} twice and
 * {@code IN_PROGRESS}, then 200 {@code COMPLETED}; the result names a media URL on a second
 * loopback server that plays the CDN. Requests without {@code Authorization: Key <key>} get 401.
 */
public final class FakeFalServer implements FakeProvider {

    static final String KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:0123456789abcdef0123456789";

    private final MockWebServer queue = new MockWebServer();
    private final MockWebServer cdn = new MockWebServer();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<Stage, ArrayDeque<MockResponse>> scripted =
            Collections.synchronizedMap(new EnumMap<>(Stage.class));
    private final List<String> mediaAuthorization = Collections.synchronizedList(new ArrayList<>());
    private final List<String> submitBodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> submitPaths = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger resultFetches = new AtomicInteger();
    private volatile boolean stallSubmits;
    private volatile Duration submitDelay = Duration.ZERO;
    private volatile boolean holdRunning;
    private volatile byte[] media = TestMedia.png();
    private volatile byte[] clip;

    public FakeFalServer() throws IOException {
        queue.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return queue(request);
            }
        });
        cdn.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return media(request);
            }
        });
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        queue.start(loopback, 0);
        cdn.start(loopback, 0);
    }

    @Override
    public String baseUrl() {
        return queue.url("/").toString();
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public int submits() {
        return submits.get();
    }

    /** Returns the request body of every submit, in arrival order. */
    public List<String> submitBodies() {
        return List.copyOf(submitBodies);
    }

    /** Returns the URL path of every submit, such as {@code /fal-ai/flux/dev}, in order. */
    public List<String> submitPaths() {
        return List.copyOf(submitPaths);
    }

    /** Returns how many jobs have had at least one status poll. */
    public int jobsPolled() {
        return polls.size();
    }

    /** Returns how many result requests (GET of a job's response URL) arrived. */
    public int resultFetches() {
        return resultFetches.get();
    }

    /**
     * Delays every submit response by the given time, well within the client's read timeout,
     * so the submit stays in flight long enough for a second process to find it.
     */
    public void delaySubmits(Duration delay) {
        submitDelay = delay;
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

    /** Lets held jobs finish: their next status poll answers COMPLETED. */
    public void releaseJobs() {
        holdRunning = false;
        polls.replaceAll((id, count) -> new AtomicInteger(3));
    }

    @Override
    public void serveMedia(byte[] bytes) {
        media = bytes.clone();
    }

    @Override
    public List<String> mediaAuthorizationHeaders() {
        return List.copyOf(mediaAuthorization);
    }

    @Override
    public ProviderJob createJob() {
        String id = "req-" + ids.incrementAndGet();
        return new ProviderJob(id, Optional.of(id), Optional.of(url("fal-ai/flux", id, "/status")),
                Optional.of(url("fal-ai/flux", id, "")),
                Optional.of(url("fal-ai/flux", id, "/cancel")));
    }

    private Optional<MockResponse> scripted(Stage stage) {
        ArrayDeque<MockResponse> queued = scripted.get(stage);
        synchronized (scripted) {
            return queued == null ? Optional.empty() : Optional.ofNullable(queued.poll());
        }
    }

    private MockResponse queue(RecordedRequest request) {
        String auth = request.getHeaders().get("Authorization");
        if (!("Key " + KEY).equals(auth)) {
            return json(401, "{\"detail\":\"Invalid API key\"}");
        }
        String path = request.getUrl().encodedPath();
        String method = request.getMethod();
        if ("POST".equals(method)) {
            submitBodies.add(request.getBody() == null ? "" : request.getBody().utf8());
            submitPaths.add(path);
            return submit(path);
        }
        String[] parts = path.substring(1).split("/");
        if (parts.length < 4 || !"requests".equals(parts[2])) {
            return json(404, "{\"detail\":\"Not found\"}");
        }
        String id = parts[3];
        if ("PUT".equals(method) && parts.length == 5 && "cancel".equals(parts[4])) {
            cancels.incrementAndGet();
            return json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}");
        }
        if (parts.length == 5 && "status".equals(parts[4])) {
            return scripted(Stage.POLL).orElseGet(() -> status(id));
        }
        resultFetches.incrementAndGet();
        if (path.contains("video")) {
            return scripted(Stage.RESULT).orElseGet(() -> json(200, "{\"video\":{\"url\":\""
                    + cdn.url("/files/" + id + ".mp4") + "\"}}"));
        }
        return scripted(Stage.RESULT).orElseGet(() -> json(200, "{\"images\":[{\"url\":\""
                + cdn.url("/files/" + id + ".png") + "\",\"width\":2,\"height\":2}],"
                + "\"seed\":7,\"has_nsfw_concepts\":[false],\"prompt\":\"p\"}"));
    }

    private MockResponse submit(String path) {
        submits.incrementAndGet();
        Optional<MockResponse> failure = scripted(Stage.SUBMIT);
        if (failure.isPresent()) {
            return failure.get();
        }
        String[] model = path.substring(1).split("/");
        String app = model[0] + "/" + (model.length > 1 ? model[1] : "");
        String id = "req-" + ids.incrementAndGet();
        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-fal-request-id", id)
                .body("{\"request_id\":\"" + id + "\",\"response_url\":\"" + url(app, id, "")
                        + "\",\"status_url\":\"" + url(app, id, "/status")
                        + "\",\"cancel_url\":\"" + url(app, id, "/cancel")
                        + "\",\"status\":\"IN_QUEUE\",\"queue_position\":1}");
        if (stallSubmits) {
            response.bodyDelay(5, TimeUnit.SECONDS);
        } else if (!submitDelay.isZero()) {
            response.headersDelay(submitDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        return response.build();
    }

    private MockResponse status(String id) {
        int poll = polls.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
        if (holdRunning || poll == 2) {
            return json(202, "{\"status\":\"IN_PROGRESS\",\"logs\":[]}");
        }
        if (poll < 2) {
            return json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":" + (1 - poll) + "}");
        }
        return json(200, "{\"status\":\"COMPLETED\",\"logs\":[],\"metrics\":"
                + "{\"inference_time\":0.8}}");
    }

    private MockResponse media(RecordedRequest request) {
        mediaAuthorization.add(String.valueOf(request.getHeaders().get("Authorization")));
        byte[] body = request.getUrl().encodedPath().endsWith(".mp4") ? video() : media;
        return scripted(Stage.MEDIA).orElseGet(() -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(body)).build());
    }

    private byte[] video() {
        byte[] made = clip;
        if (made == null) {
            made = TestMedia.mp4();
            clip = made;
        }
        return made;
    }

    private String url(String app, String id, String suffix) {
        return queue.url("/" + app + "/requests/" + id + suffix).toString();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build();
    }

    @Override
    public void close() {
        queue.close();
        cdn.close();
    }
}
