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
 * A fake of OpenAI's synchronous image, speech and text endpoints on loopback.
 * {@code POST /images/generations} and {@code /images/edits} return the image as
 * {@code data[0].b64_json} with {@code usage} tokens; {@code POST /audio/speech} returns MP3
 * bytes; {@code POST /chat/completions} returns {@link #ANSWER_PREFIX} plus the last user
 * message and a {@code usage} block of {@link #PROMPT_TOKENS} and {@link #COMPLETION_TOKENS}.
 * The static {@code chat...} responses script a refusal, a content filter stop, a 429 and a
 * malformed body through {@link #failNext}. Responses carry {@code x-request-id} and the
 * {@code x-ratelimit-*} headers. A request
 * without {@code Authorization: Bearer <key>} gets OpenAI's 401 {@code invalid_api_key} body.
 * A scripted {@link Stage#MEDIA} failure replaces the response of the POST, because that
 * response contains the media.
 */
public final class FakeOpenAiServer implements FakeProvider {

    static final String KEY = "sk-proj-fakeKey0123456789abcdefghijklmnopqrstuvwxyzABCD";
    /** The start of every chat response. The last user message follows it. */
    public static final String ANSWER_PREFIX = "Shot suggestions for: ";
    public static final long PROMPT_TOKENS = 1234;
    public static final long COMPLETION_TOKENS = 567;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

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
            case "/v1/chat/completions" -> chatResponse(request);
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

    private MockResponse.Builder chatResponse(RecordedRequest request) {
        String question = "";
        try {
            for (var message : JSON.readTree(request.getBody().utf8()).path("messages")) {
                if ("user".equals(message.path("role").asText())) {
                    question = message.path("content").asText();
                }
            }
        } catch (IOException e) {
            return error(400, "We could not parse the JSON body of your request.",
                    "invalid_request_error", null, null).newBuilder();
        }
        var body = JSON.createObjectNode()
                .put("id", "chatcmpl-" + ids.get())
                .put("object", "chat.completion")
                .put("created", 1764806400)
                .put("model", "gpt-4.1-mini-2025-04-14");
        var choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant")
                .put("content", ANSWER_PREFIX + question).putNull("refusal");
        choice.put("finish_reason", "stop");
        body.putObject("usage").put("prompt_tokens", PROMPT_TOKENS)
                .put("completion_tokens", COMPLETION_TOKENS)
                .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(body.toString());
    }

    /** Returns a chat completion in which the model refuses, with {@code message.refusal}. */
    public static MockResponse chatRefusal(String refusal) {
        return chat("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"" + refusal
                + "\"}", "stop");
    }

    /** Returns a chat completion whose content the content filter withheld. */
    public static MockResponse chatFiltered() {
        return chat("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}",
                "content_filter");
    }

    /** Returns a 200 response whose body is cut off in the middle of the JSON. */
    public static MockResponse chatMalformed() {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("x-request-id", "req_malformed")
                .body("{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"choices\":[{")
                .build();
    }

    /** Returns OpenAI's 429 rate limit response, with a short {@code retry-after-ms}. */
    public static MockResponse chatRateLimited() {
        return error(429, "Rate limit reached for gpt-4.1-mini on requests per min (RPM):"
                + " Limit 3, Used 3, Requested 1.", "requests", null, "rate_limit_exceeded")
                .newBuilder().addHeader("retry-after-ms", "20").build();
    }

    private static MockResponse chat(String message, String finishReason) {
        String body = "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion\","
                + "\"created\":1764806400,\"model\":\"gpt-4.1-mini-2025-04-14\",\"choices\":"
                + "[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\""
                + finishReason + "\"}],\"usage\":{\"prompt_tokens\":40,"
                + "\"completion_tokens\":9,\"total_tokens\":49}}";
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("x-request-id", "req_chat").body(body).build();
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
