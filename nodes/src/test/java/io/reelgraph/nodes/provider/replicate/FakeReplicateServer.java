package io.reelgraph.nodes.provider.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.fal.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
 * A fake of Replicate's predictions API on loopback, under {@code /v1}. A create returns 201
 * with a {@code Location} header and a {@code starting} prediction whose {@code urls.get} and
 * {@code urls.cancel} point back here; polls return {@code starting}, {@code processing} twice
 * with a tqdm progress bar in {@code logs}, then {@code succeeded} with the output on a second
 * loopback server that plays {@code replicate.delivery}. Flux schnell and dev return the
 * output as an array, other models as a bare string, as Replicate does. Requests without
 * {@code Authorization: Bearer <token>} get Replicate's 401 problem JSON.
 */
public final class FakeReplicateServer implements FakeProvider {

    static final String KEY = "r8_Fk3pQ9sLm2Vx7Tz4Bn6Hc1Jd8Wq5Ry0Ue3Ai9Go";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer api = new MockWebServer();
    private final MockWebServer cdn = new MockWebServer();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();
    private final Map<String, Prediction> predictions = new ConcurrentHashMap<>();
    private final Map<Stage, ArrayDeque<MockResponse>> scripted =
            Collections.synchronizedMap(new EnumMap<>(Stage.class));
    private final List<String> mediaAuthorization = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> createBodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> createPaths = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stallSubmits;
    private volatile boolean holdRunning;
    private volatile Optional<String> failWith = Optional.empty();
    private volatile byte[] media = TestMedia.png();

    /** One prediction the fake has created. */
    private static final class Prediction {
        final String id;
        final String model;
        final JsonNode input;
        final Instant createdAt;
        final AtomicInteger polls = new AtomicInteger();
        volatile boolean canceled;

        Prediction(String id, String model, JsonNode input, Instant createdAt) {
            this.id = id;
            this.model = model;
            this.input = input;
            this.createdAt = createdAt;
        }
    }

    public FakeReplicateServer() throws IOException {
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

    @Override
    public List<String> mediaAuthorizationHeaders() {
        return List.copyOf(mediaAuthorization);
    }

    @Override
    public ProviderJob createJob() {
        Prediction prediction = create("black-forest-labs/flux-schnell",
                JSON.createObjectNode().put("prompt", "earlier"));
        return new ProviderJob(prediction.id, Optional.of(prediction.id),
                Optional.of(url("/v1/predictions/" + prediction.id)), Optional.empty(),
                Optional.of(url("/v1/predictions/" + prediction.id + "/cancel")));
    }

    /** Makes every prediction end as {@code failed} with this {@code error} text. */
    void failPredictionsWith(String error) {
        failWith = Optional.of(error);
    }

    /** Returns the JSON bodies of the create requests, in order. */
    List<JsonNode> createBodies() {
        return List.copyOf(createBodies);
    }

    /** Returns the number of files uploaded to {@code POST /v1/files}. */
    int uploads() {
        return uploads.get();
    }

    /** Returns the paths of the create requests, in order. */
    List<String> createPaths() {
        return List.copyOf(createPaths);
    }

    private Optional<MockResponse> scripted(Stage stage) {
        synchronized (scripted) {
            ArrayDeque<MockResponse> queued = scripted.get(stage);
            return queued == null ? Optional.empty() : Optional.ofNullable(queued.poll());
        }
    }

    private MockResponse api(RecordedRequest request) {
        if (!("Bearer " + KEY).equals(request.getHeaders().get("Authorization"))) {
            return json(401, "{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a"
                    + " valid authentication token\",\"status\":401}");
        }
        String path = request.getUrl().encodedPath();
        String[] parts = path.substring(1).split("/");
        String method = request.getMethod();
        if ("POST".equals(method) && path.equals("/v1/files")) {
            return upload(request);
        }
        if ("POST".equals(method) && path.endsWith("/predictions")) {
            return submit(request, parts);
        }
        if (parts.length >= 3 && "predictions".equals(parts[1])) {
            Prediction prediction = predictions.get(parts[2]);
            if (prediction == null) {
                return json(404, "{\"title\":\"Not found\",\"detail\":\"Prediction not found\","
                        + "\"status\":404}");
            }
            if ("POST".equals(method) && parts.length == 4 && "cancel".equals(parts[3])) {
                cancels.incrementAndGet();
                prediction.canceled = true;
                return json(200, render(prediction, "canceled").toString());
            }
            return poll(prediction);
        }
        if ("GET".equals(method) && path.equals("/v1/predictions")) {
            return list();
        }
        if ("GET".equals(method) && path.equals("/v1/account")) {
            return json(200, "{\"type\":\"user\",\"username\":\"reelgraph-test\","
                    + "\"name\":\"Reelgraph Test\"}");
        }
        return json(404, "{\"title\":\"Not found\",\"detail\":\"No route\",\"status\":404}");
    }

    private MockResponse submit(RecordedRequest request, String[] parts) {
        submits.incrementAndGet();
        Optional<MockResponse> failure = scripted(Stage.SUBMIT);
        if (failure.isPresent()) {
            return failure.get();
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            return json(400, "{\"title\":\"Bad request\",\"detail\":\"Body is not JSON\","
                    + "\"status\":400}");
        }
        createBodies.add(body);
        createPaths.add(request.getUrl().encodedPath());
        String model = parts.length == 5 && "models".equals(parts[1])
                ? parts[2] + "/" + parts[3] : "version/" + body.path("version").asText();
        Prediction prediction = create(model, body.path("input"));
        MockResponse.Builder response = new MockResponse.Builder().code(201)
                .addHeader("Content-Type", "application/json")
                .addHeader("Location", url("/v1/predictions/" + prediction.id))
                .body(render(prediction, "starting").toString());
        if (stallSubmits) {
            response.bodyDelay(5, TimeUnit.SECONDS);
        }
        return response.build();
    }

    /** Stores a multipart upload and returns Replicate's file object. */
    private MockResponse upload(RecordedRequest request) {
        String contentType = String.valueOf(request.getHeaders().get("Content-Type"));
        if (!contentType.startsWith("multipart/form-data")
                || !request.getBody().utf8().contains("name=\"content\"")) {
            return json(400, "{\"title\":\"Bad request\",\"detail\":\"Expected a multipart"
                    + " body with a content part\",\"status\":400}");
        }
        String id = "file" + uploads.incrementAndGet();
        ObjectNode file = JSON.createObjectNode();
        file.put("id", id);
        file.put("size", request.getBodySize());
        file.putObject("urls").put("get", url("/v1/files/" + id));
        return json(201, file.toString());
    }

    private Prediction create(String model, JsonNode input) {
        String id = "q" + Integer.toString(1_000_000 + ids.incrementAndGet(), 36) + "rmd7k3x";
        Prediction prediction = new Prediction(id, model, input, Instant.now());
        predictions.put(id, prediction);
        return prediction;
    }

    private MockResponse poll(Prediction prediction) {
        Optional<MockResponse> failure = scripted(Stage.POLL);
        if (failure.isPresent()) {
            return failure.get();
        }
        if (prediction.canceled) {
            return json(200, render(prediction, "canceled").toString());
        }
        int poll = prediction.polls.getAndIncrement();
        if (holdRunning || (poll >= 1 && poll <= 2)) {
            return json(200, render(prediction, "processing").toString());
        }
        if (poll == 0) {
            return json(200, render(prediction, "starting").toString());
        }
        if (failWith.isPresent()) {
            return json(200, render(prediction, "failed").toString());
        }
        return scripted(Stage.RESULT)
                .orElseGet(() -> json(200, render(prediction, "succeeded").toString()));
    }

    private MockResponse list() {
        ObjectNode body = JSON.createObjectNode();
        body.putNull("next");
        body.putNull("previous");
        ArrayNode results = body.putArray("results");
        predictions.values().stream()
                .sorted(Comparator.comparing((Prediction p) -> p.createdAt).reversed())
                .forEach(p -> results.add(render(p, p.canceled ? "canceled" : "processing")));
        return json(200, body.toString());
    }

    private ObjectNode render(Prediction prediction, String status) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", prediction.id);
        body.put("model", prediction.model);
        body.put("version", "dp-4d0bcc010b3049749a251855f12800be");
        body.set("input", prediction.input);
        body.put("status", status);
        body.put("source", "api");
        body.put("created_at", prediction.createdAt.toString());
        body.put("data_removed", false);
        body.put("logs", "processing".equals(status)
                ? "Using seed: 7\n 25%|██▌       | 1/4\n 75%|███████▌  | 3/4" : "");
        body.putNull("output");
        body.putNull("error");

        if ("succeeded".equals(status)) {
            String output = cdn.url("/xezq/" + prediction.id + "/out-0.png").toString();
            if (prediction.model.endsWith("flux-schnell") || prediction.model.endsWith("flux-dev")) {
                body.putArray("output").add(output);
            } else {
                body.put("output", output);
            }
            body.putObject("metrics").put("predict_time", 0.84);
        }
        if ("failed".equals(status)) {
            body.put("error", failWith.orElse("failed"));
        }

        ObjectNode urls = body.putObject("urls");
        urls.put("get", url("/v1/predictions/" + prediction.id));
        urls.put("cancel", url("/v1/predictions/" + prediction.id + "/cancel"));
        urls.put("web", url("/p/" + prediction.id));
        return body;
    }

    private MockResponse media(RecordedRequest request) {
        mediaAuthorization.add(String.valueOf(request.getHeaders().get("Authorization")));
        return scripted(Stage.MEDIA).orElseGet(() -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "image/png")
                .body(new Buffer().write(media)).build());
    }

    private String url(String path) {
        return api.url(path).toString();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        api.close();
        cdn.close();
    }
}
