package io.reelgraph.nodes.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.journal.JobClaimedException;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.JobHandle;
import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelParam;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.media.MalformedMediaException;
import io.reelgraph.nodes.media.MediaInfo;
import io.reelgraph.nodes.media.MediaProbe;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.VideoJob;
import io.reelgraph.nodes.provider.async.AsyncJob;
import io.reelgraph.nodes.provider.async.AsyncJobRunner;
import io.reelgraph.nodes.provider.async.JobPhase;
import io.reelgraph.nodes.provider.async.JobState;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.error.AmbiguousSubmitException;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.DownloadedMedia;
import io.reelgraph.nodes.provider.http.IncompleteResponseException;
import io.reelgraph.nodes.provider.http.JsonResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.Sleeper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Google Gemini API adapter. Imagen models return base64 images from {@code :predict} at
 * once. Gemini image models return inline image parts from {@code :generateContent} and take
 * reference images inline. Veo models start a long-running operation with
 * {@code :predictLongRunning}, polled at {@code GET /v1beta/{name}} until {@code done}, whose
 * video file URI is downloaded with the key. The Gemini API documents no cancel for Veo and no
 * job list, so a cancelled run leaves the operation to finish and an ambiguous submit is not
 * settled automatically.
 */
public final class GoogleProvider implements Provider {

    public static final String ID = "google";

    /**
     * Veo polling: first after 5 s, backing off to 15 s, for at most 20 minutes. The Gemini
     * API's own Veo samples poll every 10 s.
     */
    public static final PollingPolicy VEO_POLLING = new PollingPolicy(Duration.ofSeconds(5),
            Duration.ofSeconds(15), 1.5, Duration.ofMinutes(20));

    private static final Logger LOG = LoggerFactory.getLogger(GoogleProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    /** Gemini finish reasons that mean a safety filter withheld the image. */
    private static final Set<String> BLOCKED = Set.of("SAFETY", "IMAGE_SAFETY",
            "PROHIBITED_CONTENT", "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION");

    private final ProviderClient client;
    private final PollingPolicy videoPolicy;
    private final Sleeper sleeper;

    public GoogleProvider(ProviderClient client, PollingPolicy videoPolicy, Sleeper sleeper) {
        if (!ID.equals(client.endpoints().providerId())) {
            throw new IllegalArgumentException("GoogleProvider needs the client of provider"
                    + " google, got " + client.endpoints().providerId());
        }
        this.client = client;
        this.videoPolicy = videoPolicy;
        this.sleeper = sleeper;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Generation image(ImageJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        requireKey(model);
        Optional<String> aspect = aspectRatio(model, job.width(), job.height());
        if (model.apiModel().startsWith("gemini")) {
            return geminiImage(job, aspect, context);
        }
        ObjectNode body = JSON.createObjectNode();
        body.putArray("instances").addObject().put("prompt", job.prompt());
        ObjectNode parameters = body.putObject("parameters").put("sampleCount", 1);
        aspect.ifPresent(ratio -> parameters.put("aspectRatio", ratio));
        JsonResponse response = syncCall(model, "predict", body, context);
        JsonNode predictions = response.body().path("predictions");
        String filtered = "";
        for (JsonNode prediction : predictions) {
            if (prediction.path("bytesBase64Encoded").isTextual()) {
                return decoded(model, prediction.get("bytesBase64Encoded").asText(), response);
            }
            filtered = prediction.path("raiFilteredReason").asText(filtered);
        }
        throw blocked(model, response, filtered.isEmpty()
                ? "no image came back, which Imagen does when its safety filter drops the result"
                : filtered);
    }

    private Generation geminiImage(ImageJob job, Optional<String> aspect, WorkContext context)
            throws Exception {
        ModelSpec model = job.model();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode parts = body.putArray("contents").addObject().put("role", "user")
                .putArray("parts");
        parts.addObject().put("text", job.prompt());
        for (Artifact reference : job.references()) {
            parts.addObject().putObject("inlineData").put("mimeType", reference.mediaType())
                    .put("data", Base64.getEncoder().encodeToString(reference.bytesUnsafe()));
        }
        ObjectNode config = body.putObject("generationConfig");
        config.putArray("responseModalities").add("IMAGE");
        aspect.ifPresent(ratio -> config.putObject("imageConfig").put("aspectRatio", ratio));
        JsonResponse response = syncCall(model, "generateContent", body, context);
        JsonNode feedback = response.body().path("promptFeedback").path("blockReason");
        if (feedback.isTextual()) {
            throw blocked(model, response, "the prompt was blocked (" + feedback.asText() + ")");
        }
        JsonNode candidate = response.body().path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode data = part.path("inlineData").path("data");
            if (data.isTextual()) {
                return decoded(model, data.asText(), response);
            }
        }
        String reason = candidate.path("finishReason").asText("");
        if (BLOCKED.contains(reason)) {
            throw blocked(model, response, "the image was withheld (finish reason " + reason + ")");
        }
        throw malformed(response, "returned no image part for model " + model.id()
                + (reason.isEmpty() ? "" : " (finish reason " + reason + ")"));
    }

    @Override
    public Generation video(VideoJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        requireKey(model);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode instance = body.putArray("instances").addObject();
        if (!job.prompt().isEmpty()) {
            instance.put("prompt", job.prompt());
        }
        instance.putObject("image").put("bytesBase64Encoded",
                Base64.getEncoder().encodeToString(job.image().bytesUnsafe()))
                .put("mimeType", job.image().mediaType());
        ObjectNode parameters = body.putObject("parameters");
        aspectRatio(model, job.width(), job.height())
                .ifPresent(ratio -> parameters.put("aspectRatio", ratio));
        duration(model, job.seconds()).ifPresent(s -> parameters.put("durationSeconds", s));
        resolution(model, job.height()).ifPresent(r -> parameters.put("resolution", r));
        AsyncJobRunner runner = new AsyncJobRunner(ID, videoPolicy, sleeper, Optional.empty());
        return runner.run(new VeoOperation(model, body), model.id(), context);
    }

    private void requireKey(ModelSpec model) throws NodeException {
        if (client.keyAlias().isEmpty()) {
            throw new NodeException("Model " + model.id() + " needs a Gemini API key: add one to"
                    + " the vault or set GEMINI_API_KEY, or run with --draft to use the free"
                    + " draft provider");
        }
    }

    /**
     * Sends a paid request whose response contains the result. The journal entry guards it
     * like an async submit. A response that never arrived leaves the entry AMBIGUOUS, and an
     * AMBIGUOUS entry is not sent again, because Google has no job list to check it against.
     */
    private JsonResponse syncCall(ModelSpec model, String method, ObjectNode body,
            WorkContext context) throws IOException, ProviderException {
        Optional<JobHandle> handle = context.job();
        Optional<JobEntry> entry = handle.flatMap(JobHandle::entry);
        if (entry.isPresent() && handle.get().inFlightElsewhere(entry.get(), Instant.now())) {
            throw new JobClaimedException(entry.get());
        }
        if (entry.isPresent() && (entry.get().status() == JobStatus.AMBIGUOUS
                || entry.get().status() == JobStatus.SUBMITTING)) {
            throw new AmbiguousSubmitException(ID, entry.get().providerRequestId(), "An earlier"
                    + " request of model " + model.id() + " (cache key "
                    + entry.get().cacheKey().shortForm() + ", sent at "
                    + entry.get().createdAt() + ") may have been charged but no response"
                    + " arrived; this run did not submit again. Check the Google AI Studio usage"
                    + " page, then clear the item", null);
        }
        handle.ifPresent(h -> h.claim(ID, model.id(), entry));
        Request request = new Request.Builder()
                .url(client.endpoints().resolve("models/" + model.apiModel() + ":" + method))
                .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build();
        context.progress(0.1, "running");
        JsonResponse response;
        try {
            response = client.call(request, CallKind.SUBMIT, context);
        } catch (ConnectException | UnknownHostException | ProviderException e) {
            handle.ifPresent(JobHandle::failed);
            throw e;
        } catch (IOException e) {
            Optional<String> requestId = e instanceof IncompleteResponseException incomplete
                    ? incomplete.providerRequestId() : Optional.empty();
            handle.ifPresent(h -> h.ambiguous(requestId));
            throw new AmbiguousSubmitException(ID, requestId, "The request of model "
                    + model.id() + " to provider google may have been charged, but no usable"
                    + " response arrived after " + e.getMessage() + "; the submit was not"
                    + " repeated. Check the Google AI Studio usage page before running the item"
                    + " again", e);
        }
        handle.ifPresent(JobHandle::done);
        LOG.info("Provider google {} of model {} returned{}", method, model.id(),
                response.providerRequestId().map(id -> ", request id " + id).orElse(""));
        return response;
    }

    private Generation decoded(ModelSpec model, String base64, JsonResponse response)
            throws MalformedResponseException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw malformed(response, "returned image data for model " + model.id()
                    + " that is not valid base64");
        }
        MediaInfo info;
        try {
            info = MediaProbe.detect(bytes).orElseThrow(() -> malformed(response, "returned "
                    + bytes.length + " bytes for model " + model.id() + " that are not in any"
                    + " supported media format"));
        } catch (MalformedMediaException e) {
            throw malformed(response, "returned a damaged image for model " + model.id() + ": "
                    + e.getMessage());
        }
        if (!info.mediaType().startsWith("image/")) {
            throw malformed(response, "returned " + info.mediaType() + " for model " + model.id()
                    + " where an image was expected");
        }
        Optional<String> id = response.providerRequestId()
                .or(() -> Optional.ofNullable(response.body().path("responseId").textValue()));
        return new Generation(Artifact.ofBytes(info.mediaType(), bytes, false),
                actualCost(model, response), id);
    }

    /**
     * Prices the {@code usageMetadata} of a Gemini response with the catalog's token prices:
     * {@code promptTokenCount} as input, {@code candidatesTokenCount} plus
     * {@code thoughtsTokenCount} as output. Imagen responses carry no usage, so their actual
     * cost stays empty.
     */
    static Optional<BigDecimal> actualCost(ModelSpec model, JsonResponse response) {
        JsonNode usage = response.body().path("usageMetadata");
        if (!usage.path("promptTokenCount").canConvertToLong()
                || !usage.path("candidatesTokenCount").canConvertToLong()) {
            return Optional.empty();
        }
        long input = usage.get("promptTokenCount").asLong();
        long output = usage.get("candidatesTokenCount").asLong()
                + usage.path("thoughtsTokenCount").asLong(0);
        LOG.info("Gemini call of model {} used {} prompt and {} output tokens (request id {})",
                model.id(), input, output, response.providerRequestId().orElse("none"));
        return model.price().tokenCost(input, 0, output);
    }

    private static ModerationException blocked(ModelSpec model, JsonResponse response,
            String reason) {
        return new ModerationException(ID, OptionalInt.of(response.status()),
                response.providerRequestId(), "Provider google blocked the request of model "
                + model.id() + " by its safety filter: " + reason
                + "; change the prompt or reference images");
    }

    /** Returns the catalog's allowed aspect ratio nearest to the requested frame. */
    static Optional<String> aspectRatio(ModelSpec model, int width, int height) {
        Optional<ModelParam> param = model.param("aspect_ratio");
        if (param.isEmpty() || width <= 0 || height <= 0) {
            return param.flatMap(ModelParam::defaultValue).map(JsonNode::asText);
        }
        double wanted = Math.log((double) width / height);
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (JsonNode allowed : param.get().allowed()) {
            String[] sides = allowed.asText().split(":");
            double distance = Math.abs(Math.log(Double.parseDouble(sides[0])
                    / Double.parseDouble(sides[1])) - wanted);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = allowed.asText();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Returns the allowed duration nearest to the requested seconds. */
    static Optional<Integer> duration(ModelSpec model, int seconds) {
        Optional<ModelParam> param = model.param("durationSeconds");
        Integer best = null;
        for (JsonNode allowed : param.map(ModelParam::allowed).orElse(java.util.List.of())) {
            int value = allowed.asInt();
            if (best == null || Math.abs(value - seconds) < Math.abs(best - seconds)) {
                best = value;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Returns the smallest allowed resolution at least as tall as the frame, else the largest. */
    static Optional<String> resolution(ModelSpec model, int height) {
        String largest = null;
        for (JsonNode allowed : model.param("resolution").map(ModelParam::allowed)
                .orElse(java.util.List.of())) {
            largest = allowed.asText();
            if (Integer.parseInt(largest.replace("p", "")) >= height) {
                return Optional.of(largest);
            }
        }
        return Optional.ofNullable(largest);
    }

    /** Maps one read of a Veo operation to the shared job phases. */
    static JobState state(JsonNode operation) {
        if (!operation.path("done").asBoolean(false)) {
            return new JobState(JobPhase.RUNNING, OptionalDouble.empty(), "running", "");
        }
        JsonNode error = operation.path("error");
        if (error.isObject()) {
            return new JobState(JobPhase.FAILED, OptionalDouble.empty(), "done with error",
                    error.path("message").asText("code " + error.path("code").asText()));
        }
        JsonNode response = operation.path("response").path("generateVideoResponse");
        if (response.path("generatedSamples").size() == 0
                && response.path("raiMediaFilteredCount").asInt(0) > 0) {
            JsonNode reasons = response.path("raiMediaFilteredReasons");
            return new JobState(JobPhase.MODERATED, OptionalDouble.empty(), "done, filtered",
                    reasons.size() > 0 ? reasons.get(0).asText()
                            : "the video was filtered by the safety filter");
        }
        return new JobState(JobPhase.SUCCEEDED, OptionalDouble.of(1), "done", "");
    }

    /** One Veo long-running operation. */
    private final class VeoOperation implements AsyncJob<Generation> {

        private final ModelSpec model;
        private final ObjectNode body;

        VeoOperation(ModelSpec model, ObjectNode body) {
            this.model = model;
            this.body = body;
        }

        @Override
        public ProviderJob submit(WorkContext context) throws IOException, ProviderException {
            Request request = new Request.Builder()
                    .url(client.endpoints().resolve("models/" + model.apiModel()
                            + ":predictLongRunning"))
                    .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build();
            JsonResponse response = client.call(request, CallKind.SUBMIT, context);
            JsonNode name = response.body().path("name");
            if (!name.isTextual() || name.asText().isBlank()) {
                throw malformed(response, "started a Veo operation without \"name\"");
            }
            String url = client.endpoints().resolve(name.asText()).toString();
            return new ProviderJob(name.asText(), response.providerRequestId(),
                    Optional.of(url), Optional.of(url), Optional.empty());
        }

        @Override
        public JobState poll(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            return state(read(job, context).body());
        }

        @Override
        public Generation fetch(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            JsonResponse response = read(job, context);
            JsonNode uri = response.body().at("/response/generateVideoResponse/generatedSamples/0"
                    + "/video/uri");
            if (!uri.isTextual() || uri.asText().isBlank()) {
                throw malformed(response, "finished operation " + job.providerJobId()
                        + " without a video URI");
            }
            // The file URI is on the API host and needs the key, which the client attaches.
            DownloadedMedia media = client.download(uri.asText(), context, "video/");
            Artifact artifact = Artifact.ofBytes(media.info().mediaType(), media.bytes(), false);
            // Veo reports no cost, so the catalog estimate per second applies.
            return new Generation(artifact, Optional.empty(), Optional.of(job.providerJobId()));
        }

        private JsonResponse read(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            Request request = new Request.Builder().url(job.pollUrl().orElseThrow()).get()
                    .build();
            return client.call(request, CallKind.POLL, context);
        }
    }

    private static MalformedResponseException malformed(JsonResponse response, String what) {
        return new MalformedResponseException(ID, OptionalInt.of(response.status()),
                response.providerRequestId(), "Provider google " + what);
    }
}
