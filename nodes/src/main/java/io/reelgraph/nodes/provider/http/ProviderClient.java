package io.reelgraph.nodes.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.media.MalformedMediaException;
import io.reelgraph.nodes.media.MediaInfo;
import io.reelgraph.nodes.media.MediaProbe;
import io.reelgraph.nodes.provider.error.ExpiredResultException;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.keys.KeyLookup;
import io.reelgraph.nodes.provider.keys.ProviderKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The HTTP client of one provider, shared by all its calls: one OkHttp client with the auth,
 * retry, rate-limit and logging interceptors, plus JSON calls that map error responses to
 * {@link ProviderException} subtypes and result downloads typed by their bytes.
 */
public final class ProviderClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final ProviderEndpoints endpoints;
    private final KeyLookup keys;
    private final HttpSettings settings;
    private final ErrorMapper errors;
    private final OkHttpClient http;

    /**
     * Creates a client.
     *
     * @param keys looked up on every request, so a rotated key takes effect at once
     * @param sleeper waits between retries and for the rate limit; {@link Sleeper#REAL} in the
     *     program
     */
    public ProviderClient(ProviderEndpoints endpoints, KeyLookup keys, HttpSettings settings,
            ErrorMapper errors, Sleeper sleeper) {
        this.endpoints = endpoints;
        this.keys = keys;
        this.settings = settings;
        this.errors = errors;
        TokenBucket bucket = new TokenBucket(settings.requestsPerSecond(), settings.burst(),
                System.nanoTime());
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .retryOnConnectionFailure(false)
                .addInterceptor(new RetryInterceptor(this, settings, sleeper))
                .addInterceptor(new RateLimitInterceptor(bucket, sleeper))
                .addNetworkInterceptor(new AuthInterceptor(endpoints,
                        AuthScheme.forProvider(endpoints.providerId()), keys))
                .addNetworkInterceptor(new LoggingInterceptor(endpoints.providerId()))
                .build();
    }

    public ProviderEndpoints endpoints() {
        return endpoints;
    }

    public ErrorMapper errors() {
        return errors;
    }

    public HttpSettings settings() {
        return settings;
    }

    /** Returns the alias of the key this provider's calls run on, when one is set. */
    public Optional<String> keyAlias() {
        return keys.find(endpoints.providerId()).map(ProviderKey::alias);
    }

    /**
     * Sends a request and parses the JSON body of a success response.
     *
     * @throws ProviderException for an error response, mapped by the provider's error mapper,
     *     or a success body that is not JSON
     * @throws IncompleteResponseException when the headers arrived but the body did not
     * @throws IOException when the request failed on the network
     */
    public JsonResponse call(Request request, CallKind kind, WorkContext context)
            throws IOException, ProviderException {
        return call(request, kind, context, Set.of());
    }

    /**
     * Sends a request like {@link #call(Request, CallKind, WorkContext)} but returns the body of
     * the listed error statuses instead of raising, such as fal's 400 for cancelling a finished
     * job.
     */
    public JsonResponse call(Request request, CallKind kind, WorkContext context,
            Set<Integer> acceptedErrors) throws IOException, ProviderException {
        Request tagged = request.newBuilder().tag(CallTag.class, new CallTag(context, kind)).build();
        try (Response response = http.newCall(tagged).execute()) {
            Optional<String> requestId = requestId(response);
            if (!response.isSuccessful() && !acceptedErrors.contains(response.code())) {
                throw errors.map(errorResponse(response));
            }
            String body;
            try {
                body = response.body().string();
            } catch (IOException e) {
                throw new IncompleteResponseException("Failed to read the response of "
                        + LoggingInterceptor.redact(request.url()) + ": " + e.getMessage(),
                        requestId, e);
            }
            return new JsonResponse(response.code(), parse(body, request.url(), requestId),
                    requestId);
        }
    }

    /**
     * Sends a request whose success response is the media itself, such as Stability's generate
     * call with {@code Accept: image/*} or a text-to-speech call, and types the bytes like
     * {@link #download}.
     *
     * @param expectedPrefix the media family the caller needs, such as {@code image/}
     * @throws ProviderException for an error response, mapped by the provider's error mapper,
     *     or a body that is truncated, over the cap, not media, or media of another kind
     */
    public MediaResponse media(Request request, CallKind kind, WorkContext context,
            String expectedPrefix) throws IOException, ProviderException {
        Request tagged = request.newBuilder().tag(CallTag.class, new CallTag(context, kind))
                .build();
        String shown = LoggingInterceptor.redact(request.url());
        try (Response response = http.newCall(tagged).execute()) {
            Optional<String> requestId = requestId(response);
            if (!response.isSuccessful()) {
                throw errors.map(errorResponse(response));
            }
            byte[] bytes = readCapped(response.body(), shown, requestId);
            DownloadedMedia media = new DownloadedMedia(bytes,
                    probe(bytes, shown, expectedPrefix, requestId));
            return new MediaResponse(response.code(), media, response.headers(), requestId);
        }
    }

    /**
     * Sends a request whose success response has no body to read, such as Runway's
     * {@code DELETE /v1/tasks/{id}} that returns 204, and returns the HTTP status.
     *
     * @param acceptedErrors error statuses returned instead of raised
     */
    public int send(Request request, CallKind kind, WorkContext context,
            Set<Integer> acceptedErrors) throws IOException, ProviderException {
        Request tagged = request.newBuilder().tag(CallTag.class, new CallTag(context, kind))
                .build();
        try (Response response = http.newCall(tagged).execute()) {
            if (!response.isSuccessful() && !acceptedErrors.contains(response.code())) {
                throw errors.map(errorResponse(response));
            }
            return response.code();
        }
    }

    /**
     * Downloads a result URL at once, within the size cap, and types the bytes by their magic
     * bytes. The key goes along only when the URL is one of the provider's own origins.
     *
     * @param expectedPrefix the media family the caller needs, such as {@code image/}
     * @throws ExpiredResultException when the URL returns 403, 404 or 410
     * @throws MalformedResponseException when the body is truncated, over the cap, not media,
     *     or media of another kind
     */
    public DownloadedMedia download(String url, WorkContext context, String expectedPrefix)
            throws IOException, ProviderException {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw malformed(Optional.empty(), "returned a result URL that is not an http or"
                    + " https URL: " + LoggingInterceptor.redact(HttpUrl.get("http://invalid/")));
        }
        String shown = LoggingInterceptor.redact(parsed);
        Request request = new Request.Builder().url(parsed)
                .tag(CallTag.class, new CallTag(context, CallKind.DOWNLOAD)).build();
        context.progress(0.95, "downloading");
        try (Response response = http.newCall(request).execute()) {
            Optional<String> requestId = requestId(response);
            int code = response.code();
            if (code == 403 || code == 404 || code == 410) {
                throw new ExpiredResultException(endpoints.providerId(), OptionalInt.of(code),
                        requestId, "The result URL " + shown + " of provider "
                        + endpoints.providerId() + " answered HTTP " + code + ", so the result"
                        + " has expired or was deleted; run the item again to generate it anew");
            }
            if (!response.isSuccessful()) {
                throw errors.map(errorResponse(response));
            }
            byte[] bytes = readCapped(response.body(), shown, requestId);
            return new DownloadedMedia(bytes, probe(bytes, shown, expectedPrefix, requestId));
        }
    }

    /**
     * Types media bytes that arrived inside a JSON response, such as base64 images, by their
     * magic bytes.
     *
     * @param source where the bytes came from, for messages
     * @throws MalformedResponseException when the bytes are not media or media of another kind
     */
    public DownloadedMedia typeMedia(byte[] bytes, String source, String expectedPrefix,
            Optional<String> requestId) throws ProviderException {
        return new DownloadedMedia(bytes, probe(bytes, source, expectedPrefix, requestId));
    }

    private byte[] readCapped(ResponseBody body, String shown, Optional<String> requestId)
            throws IOException, ProviderException {
        long max = settings.maxDownloadBytes();
        long declared = body.contentLength();
        if (declared > max) {
            throw malformed(requestId, "sent a result of " + declared + " bytes from " + shown
                    + ", over the download limit of " + max + " bytes");
        }
        Buffer buffer = new Buffer();
        try {
            BufferedSource source = body.source();
            while (buffer.size() <= max && source.read(buffer, 64 * 1024) != -1) {
                // Keep reading until the body ends or passes the cap.
            }
        } catch (java.io.InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw malformed(requestId, "sent a truncated result from " + shown + ": the"
                    + " connection ended after " + buffer.size() + " bytes ("
                    + e.getMessage() + "); run the item again");
        }
        if (buffer.size() > max) {
            throw malformed(requestId, "sent a result from " + shown
                    + " over the download limit of " + max + " bytes");
        }
        if (declared >= 0 && buffer.size() != declared) {
            throw malformed(requestId, "sent a truncated result from " + shown + ": "
                    + buffer.size() + " of " + declared + " bytes; run the item again");
        }
        return buffer.readByteArray();
    }

    private MediaInfo probe(byte[] bytes, String shown, String expectedPrefix,
            Optional<String> requestId) throws ProviderException {
        Optional<MediaInfo> info;
        try {
            info = MediaProbe.detect(bytes);
        } catch (MalformedMediaException e) {
            throw malformed(requestId, "sent damaged or truncated media from " + shown + ": "
                    + e.getMessage() + "; run the item again");
        }
        if (info.isEmpty()) {
            throw malformed(requestId, "sent " + bytes.length + " bytes from " + shown
                    + " that are not in any supported media format");
        }
        if (!info.get().mediaType().startsWith(expectedPrefix)) {
            throw malformed(requestId, "sent " + info.get().mediaType() + " from " + shown
                    + " where " + expectedPrefix + "* was expected");
        }
        return info.get();
    }

    /** Builds the error mapper's view of a failed response, reading at most 64 KiB of body. */
    ErrorResponse errorResponse(Response response) throws IOException {
        String body = response.peekBody(ERROR_BODY_LIMIT).string();
        return new ErrorResponse(endpoints.providerId(), response.code(), body,
                requestId(response), keyAlias(), LoggingInterceptor.redact(response.request().url()),
                RetryAfter.millis(response.headers(), Instant.now()));
    }

    private JsonNode parse(String body, HttpUrl url, Optional<String> requestId)
            throws MalformedResponseException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty body");
            }
            return node;
        } catch (IOException e) {
            throw malformed(requestId, "returned a body from " + LoggingInterceptor.redact(url)
                    + " that is not valid JSON (" + shorten(body) + ")");
        }
    }

    private MalformedResponseException malformed(Optional<String> requestId, String what) {
        return new MalformedResponseException(endpoints.providerId(), OptionalInt.empty(),
                requestId, "Provider " + endpoints.providerId() + " " + what);
    }

    private static String shorten(String body) {
        String text = io.reelgraph.engine.file.SecretPatterns.redact(
                new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static Optional<String> requestId(Response response) {
        String id = LoggingInterceptor.requestId(response);
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }
}
