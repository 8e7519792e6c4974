package io.reelgraph.nodes.provider.luma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.fal.TestMedia;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * A fake of Luma's Dream Machine API on loopback, under {@code /dream-machine/v1}. A create
 * returns 201 with a {@code queued} generation; each generation then reads {@code queued},
 * {@code dreaming}, and {@code completed} with {@code assets.image} or {@code assets.video} on
 * a second loopback server that plays Luma's CDN. {@code GET /generations} lists them newest
 * first, {@code DELETE} removes one. Requests without {@code Authorization: Bearer <key>} get
 * 401 with a FastAPI {@code detail}.
 */
public final class FakeLumaServer implements FakeProvider {

    static final String KEY = "luma-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-0123456789abcdef";
    private static final String BASE = "/dream-machine/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer api = new MockWebServer();
    private final MockWebServer cdn = new MockWebServer();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, ObjectNode> generations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<Stage, ArrayDeque<MockResponse>> scripted =
            Collections.synchronizedMap(new EnumMap<>(Stage.class));
    private final List<String> mediaAuthorization = new CopyOnWriteArrayList<>();
    private final List<JsonNode> createBodies = new CopyOnWriteArrayList<>();
    private volatile boolean stallSubmits;
    private volatile boolean holdRunning;
    private volatile String failureReason;
    private volatile byte[] media = TestMedia.png();

    public FakeLumaServer() throws IOException {
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

    /** Makes every generation end as {@code failed} with this {@code failure_reason}. */
    void failGenerations(String reason) {
        failureReason = reason;
    }

    /** Returns the JSON bodies of the create requests, in order. */
    List<JsonNode> createBodies() {
        return List.copyOf(createBodies);
    }

    @Override
    public List<String> mediaAuthorizationHeaders() {
        return List.copyOf(mediaAuthorization);
    }

    @Override
    public ProviderJob createJob() {
        ObjectNode generation = create("image", "photon-1", "an earlier prompt");
        String url = api.url(BASE + "/generations/" + generation.get("id").asText()).toString();
        return new ProviderJob(generation.get("id").asText(), Optional.empty(), Optional.of(url),
                Optional.of(url), Optional.of(url));
    }

    /** Adds a generation as if another client had created it, and returns its id. */
    String addGeneration(String type, String model, String prompt) {
        return create(type, model, prompt).get("id").asText();
    }

    private Optional<MockResponse> scripted(Stage stage) {
        synchronized (scripted) {
            ArrayDeque<MockResponse> queued = scripted.get(stage);
            return queued == null ? Optional.empty() : Optional.ofNullable(queued.poll());
        }
    }

    private MockResponse api(RecordedRequest request) {
        if (!("Bearer " + KEY).equals(request.getHeaders().get("Authorization"))) {
            return json(401, "{\"detail\":\"Invalid API key provided\"}");
        }
        String path = request.getUrl().encodedPath();
        if (!path.startsWith(BASE + "/generations")) {
            return json(404, "{\"detail\":\"Not Found\"}");
        }
        String rest = path.substring((BASE + "/generations").length());
        String method = request.getMethod();
        if ("POST".equals(method) && ("/image".equals(rest) || "/video".equals(rest))) {
            return submit(rest.substring(1), request);
        }
        if ("GET".equals(method) && rest.isEmpty()) {
            return list();
        }
        String id = rest.startsWith("/") ? rest.substring(1) : rest;
        ObjectNode generation = generations.get(id);
        if (generation == null) {
            return json(404, "{\"detail\":\"Generation not found\"}");
        }
        if ("DELETE".equals(method)) {
            cancels.incrementAndGet();
            generations.remove(id);
            return new MockResponse.Builder().code(204).build();
        }
        Optional<MockResponse> failure = scripted(Stage.POLL);
        if (failure.isPresent()) {
            return failure.get();
        }
        advance(id, generation);
        if ("completed".equals(generation.get("state").asText())) {
            Optional<MockResponse> result = scripted(Stage.RESULT);
            if (result.isPresent()) {
                return result.get();
            }
        }
        return json(200, generation.toString());
    }

    private MockResponse submit(String type, RecordedRequest request) {
        submits.incrementAndGet();
        Optional<MockResponse> failure = scripted(Stage.SUBMIT);
        if (failure.isPresent()) {
            return failure.get();
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            return json(400, "{\"detail\":\"Invalid JSON\"}");
        }
        createBodies.add(body);
        ObjectNode generation = create(type, body.path("model").asText(),
                body.path("prompt").asText());
        MockResponse.Builder response = new MockResponse.Builder().code(201)
                .addHeader("Content-Type", "application/json").body(generation.toString());
        if (stallSubmits) {
            response.bodyDelay(5, TimeUnit.SECONDS);
        }
        return response.build();
    }

    private ObjectNode create(String type, String model, String prompt) {
        String id = String.format("0000%04d-aaaa-4bbb-8ccc-dddddddddddd", ids.incrementAndGet());
        ObjectNode generation = JSON.createObjectNode().put("id", id)
                .put("generation_type", type).put("state", "queued")
                .putNull("failure_reason").put("created_at", Instant.now().toString())
                .put("model", model);
        generation.putObject("assets");
        generation.putObject("request").put("generation_type", type).put("model", model)
                .put("prompt", prompt);
        generations.put(id, generation);
        return generation;
    }

    /** Moves a generation one state on per read: queued, dreaming, then its outcome. */
    private void advance(String id, ObjectNode generation) {
        int poll = polls.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
        if (holdRunning || poll == 1) {
            generation.put("state", "dreaming");
        } else if (poll >= 2 && failureReason != null) {
            generation.put("state", "failed").put("failure_reason", failureReason);
        } else if (poll >= 2) {
            String type = generation.get("generation_type").asText();
            generation.put("state", "completed");
            ((ObjectNode) generation.get("assets")).put(type, cdn.url("/dream_machine/" + id
                    + ("video".equals(type) ? "/video.mp4" : "/image.png")).toString());
        }
    }

    private MockResponse list() {
        List<ObjectNode> newestFirst = new ArrayList<>(generations.values());
        newestFirst.sort((a, b) -> b.get("id").asText().compareTo(a.get("id").asText()));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("generations");
        newestFirst.forEach(array::add);
        body.put("has_more", false).put("count", newestFirst.size()).put("limit", 50)
                .put("offset", 0);
        return json(200, body.toString());
    }

    private MockResponse media(RecordedRequest request) {
        mediaAuthorization.add(String.valueOf(request.getHeaders().get("Authorization")));
        return scripted(Stage.MEDIA).orElseGet(() -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(media)).build());
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build();
    }

    @Override
    public void close() {
        api.close();
        cdn.close();
    }
}
