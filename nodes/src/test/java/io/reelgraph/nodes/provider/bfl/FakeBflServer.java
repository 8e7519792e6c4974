package io.reelgraph.nodes.provider.bfl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A fake of the FLUX API on loopback. A submit to {@code /v1/{model}} returns the task id, the
 * credits it costs and a {@code polling_url} under {@code /eu2/v1/get_result}, a different path
 * than the submit, as BFL's regional polling hosts are, so an adapter that rebuilds the URL
 * fails. A poll returns {@code Pending} without progress, {@code Pending} with progress twice,
 * then {@code Ready} with {@code result.sample} on a second loopback server that plays BFL's
 * delivery host with a signed query. Requests without the right {@code x-key} get 403.
 */
public final class FakeBflServer implements FakeProvider {

    static final String KEY = "6c1f0e4a-93d2-4b7e-a5c8-2f9d1b3e7a40";
    static final double CREDITS = 4.0;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer api = new MockWebServer();
    private final MockWebServer delivery = new MockWebServer();
    private final AtomicInteger submits = new AtomicInteger();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<Stage, ArrayDeque<MockResponse>> scripted =
            Collections.synchronizedMap(new EnumMap<>(Stage.class));
    private final List<String> mediaAuthorization = Collections.synchronizedList(new ArrayList<>());
    private final List<String> mediaKeys = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> submitBodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> submitPaths = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stallSubmits;
    private volatile boolean holdRunning;
    private volatile boolean expireSamples;
    private volatile Optional<String> endStatus = Optional.empty();
    private volatile byte[] media = TestMedia.png();

    public FakeBflServer() throws IOException {
        api.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return api(request);
            }
        });
        delivery.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return media(request);
            }
        });
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        api.start(loopback, 0);
        delivery.start(loopback, 0);
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

    /** Returns 0: the FLUX API has no cancel endpoint, so nothing here can count one. */
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
        String id = UUID.randomUUID().toString();
        return new ProviderJob(id, Optional.of(id), Optional.of(pollingUrl(id)), Optional.empty(),
                Optional.empty());
    }

    /** Makes every task end with this status, such as {@code Content Moderated}. */
    void endTasksWith(String status) {
        endStatus = Optional.of(status);
    }

    /** Makes every sample URL return 403, as a signed URL does after its ten minutes. */
    void expireSamples() {
        expireSamples = true;
    }

    List<JsonNode> submitBodies() {
        return List.copyOf(submitBodies);
    }

    List<String> submitPaths() {
        return List.copyOf(submitPaths);
    }

    /** Returns the {@code x-key} headers the delivery host received. */
    List<String> mediaKeyHeaders() {
        return List.copyOf(mediaKeys);
    }

    private Optional<MockResponse> scripted(Stage stage) {
        synchronized (scripted) {
            ArrayDeque<MockResponse> queued = scripted.get(stage);
            return queued == null ? Optional.empty() : Optional.ofNullable(queued.poll());
        }
    }

    private MockResponse api(RecordedRequest request) {
        if (!KEY.equals(request.getHeaders().get("x-key"))) {
            return json(403, "{\"detail\":\"Not authenticated - Invalid Authentication\"}");
        }
        String path = request.getUrl().encodedPath();
        if ("POST".equals(request.getMethod()) && path.startsWith("/v1/")) {
            return submit(request, path);
        }
        if ("GET".equals(request.getMethod()) && path.equals("/eu2/v1/get_result")) {
            String id = request.getUrl().queryParameter("id");
            return poll(id == null ? "" : id);
        }
        return json(404, "{\"detail\":\"Not Found\"}");
    }

    private MockResponse submit(RecordedRequest request, String path) {
        submits.incrementAndGet();
        Optional<MockResponse> failure = scripted(Stage.SUBMIT);
        if (failure.isPresent()) {
            return failure.get();
        }
        try {
            submitBodies.add(JSON.readTree(request.getBody().utf8()));
        } catch (IOException e) {
            return json(422, "{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"Invalid JSON\","
                    + "\"type\":\"json_invalid\"}]}");
        }
        submitPaths.add(path);
        String id = UUID.randomUUID().toString();
        polls.put(id, new AtomicInteger());
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.put("polling_url", pollingUrl(id));
        body.put("cost", CREDITS);
        body.put("input_mp", 0.0);
        body.put("output_mp", 0.79);
        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json").body(body.toString());
        if (stallSubmits) {
            response.bodyDelay(5, TimeUnit.SECONDS);
        }
        return response.build();
    }

    private MockResponse poll(String id) {
        Optional<MockResponse> failure = scripted(Stage.POLL);
        if (failure.isPresent()) {
            return failure.get();
        }

        ObjectNode body = JSON.createObjectNode().put("id", id);
        AtomicInteger count = polls.computeIfAbsent(id, k -> new AtomicInteger());
        int poll = count.getAndIncrement();
        if (holdRunning || poll == 1 || poll == 2) {
            body.put("status", "Pending").put("progress", holdRunning ? 0.5 : 0.3 * poll);
            return json(200, body.toString());
        }

        if (poll == 0) {
            body.put("status", "Pending").putNull("progress");
            return json(200, body.toString());
        }

        if (endStatus.isPresent()) {
            body.put("status", endStatus.get()).putObject("details")
                    .putArray("Moderation Reasons").add("Derivative Works Filter");
            return json(200, body.toString());
        }

        Optional<MockResponse> result = scripted(Stage.RESULT);
        if (result.isPresent()) {
            return result.get();
        }

        body.put("status", "Ready");
        ObjectNode sample = body.putObject("result");
        sample.put("sample", delivery.url("/results/2f/" + id + "/sample.png")
                .newBuilder().addQueryParameter("se", "2026-12-04T17:10:00Z")
                .addQueryParameter("sig", "c2lnbmF0dXJl").build().toString());
        sample.put("prompt", "p").put("seed", 7).put("start_time", 1.7e9)
                .put("end_time", 1.7e9 + 4).put("duration", 4.0);
        return json(200, body.toString());
    }

    private MockResponse media(RecordedRequest request) {
        mediaAuthorization.add(String.valueOf(request.getHeaders().get("Authorization")));
        mediaKeys.add(String.valueOf(request.getHeaders().get("x-key")));
        if (expireSamples) {
            return new MockResponse.Builder().code(403).addHeader("Content-Type", "application/xml")
                    .body("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>"
                            + "AuthenticationFailed</Code><Message>Signed expiry time has passed"
                            + "</Message></Error>").build();
        }
        return scripted(Stage.MEDIA).orElseGet(() -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "image/png")
                .body(new Buffer().write(media)).build());
    }

    private String pollingUrl(String id) {
        return api.url("/eu2/v1/get_result").newBuilder().addQueryParameter("id", id).build()
                .toString();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build();
    }

    @Override
    public void close() {
        api.close();
        delivery.close();
    }
}
