package io.reelgraph.nodes.provider.luma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelParam;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.VideoJob;
import io.reelgraph.nodes.provider.async.AsyncJob;
import io.reelgraph.nodes.provider.async.AsyncJobRunner;
import io.reelgraph.nodes.provider.async.JobPhase;
import io.reelgraph.nodes.provider.async.JobState;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.async.ProviderJobList;
import io.reelgraph.nodes.provider.error.AmbiguousSubmitException;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.DownloadedMedia;
import io.reelgraph.nodes.provider.http.JsonResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Luma Dream Machine adapter. Photon images go to {@code POST /generations/image} and Ray
 * videos to {@code POST /generations/video}, and both return a generation whose
 * {@code state} moves {@code queued}, {@code dreaming}, then {@code completed} or
 * {@code failed}, polled at {@code GET /generations/{id}}. The media URL in {@code assets} is
 * downloaded at once. A cancel deletes the generation. Luma lists recent generations, so an
 * ambiguous submit is settled by looking for a generation of the same model and prompt.
 */
public final class LumaProvider implements Provider {

    public static final String ID = "luma";

    private static final Logger LOG = LoggerFactory.getLogger(LumaProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    /** How far before the journal entry a listed generation may claim to be created. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    /** How many recent generations the job list reads. */
    private static final int LIST_LIMIT = 50;

    private final ProviderClient client;
    private final PollingPolicy imagePolicy;
    private final PollingPolicy videoPolicy;
    private final Sleeper sleeper;

    public LumaProvider(ProviderClient client, PollingPolicy imagePolicy,
            PollingPolicy videoPolicy, Sleeper sleeper) {
        if (!ID.equals(client.endpoints().providerId())) {
            throw new IllegalArgumentException("LumaProvider needs the client of provider luma,"
                    + " got " + client.endpoints().providerId());
        }
        this.client = client;
        this.imagePolicy = imagePolicy;
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
        ObjectNode body = JSON.createObjectNode()
                .put("model", model.apiModel())
                .put("prompt", job.prompt());
        aspectRatio(model, job.width(), job.height()).ifPresent(r -> body.put("aspect_ratio", r));
        defaultText(model, "format").ifPresent(format -> body.put("format", format));
        if (!job.references().isEmpty()) {
            // NOTE: Luma documents public URLs for references. This program has no upload host,
            // so it sends data URIs, which Luma's docs neither list nor rule out.
            ArrayNode refs = body.putArray("image_ref");
            for (Artifact reference : job.references()) {
                refs.addObject().put("url", dataUri(reference));
            }
        }
        return run(model, "generations/image", body, job.prompt(), "image", "image/",
                imagePolicy, context);
    }

    @Override
    public Generation video(VideoJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        ObjectNode body = JSON.createObjectNode()
                .put("model", model.apiModel())
                .put("prompt", job.prompt());
        aspectRatio(model, job.width(), job.height()).ifPresent(r -> body.put("aspect_ratio", r));
        resolution(model, job.height()).ifPresent(r -> body.put("resolution", r));
        duration(model, job.seconds()).ifPresent(s -> body.put("duration", s + "s"));
        model.param("loop").flatMap(ModelParam::defaultValue)
                .ifPresent(loop -> body.put("loop", loop.asBoolean()));
        // NOTE: as with image_ref, frame0 gets a data URI where Luma documents a public URL.
        body.putObject("keyframes").putObject("frame0").put("type", "image")
                .put("url", dataUri(job.image()));
        return run(model, "generations/video", body, job.prompt(), "video", "video/",
                videoPolicy, context);
    }

    private Generation run(ModelSpec model, String path, ObjectNode body, String prompt,
            String generationType, String expectedPrefix, PollingPolicy policy,
            WorkContext context) throws Exception {
        if (client.keyAlias().isEmpty()) {
            throw new NodeException("Model " + model.id() + " needs a Luma key: add one to the"
                    + " vault or set LUMAAI_API_KEY, or run with --draft to use the free draft"
                    + " provider");
        }
        RecentGenerations list = new RecentGenerations(model, prompt, generationType);
        AsyncJobRunner runner = new AsyncJobRunner(ID, policy, sleeper, Optional.of(list));
        return runner.run(new GenerationJob(model, path, body, expectedPrefix), model.id(),
                context);
    }

    /** Returns the catalog's allowed aspect ratio nearest to the requested frame. */
    static Optional<String> aspectRatio(ModelSpec model, int width, int height) {
        Optional<ModelParam> param = model.param("aspect_ratio");
        if (param.isEmpty() || width <= 0 || height <= 0) {
            return param.flatMap(p -> p.defaultValue()).map(JsonNode::asText);
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

    /** Returns the smallest allowed resolution at least as tall as the frame, else the largest. */
    static Optional<String> resolution(ModelSpec model, int height) {
        Optional<ModelParam> param = model.param("resolution");
        if (param.isEmpty()) {
            return Optional.empty();
        }
        String largest = null;
        for (JsonNode allowed : param.get().allowed()) {
            String name = allowed.asText();
            largest = name;
            if (lines(name) >= height) {
                return Optional.of(name);
            }
        }
        return Optional.ofNullable(largest);
    }

    private static int lines(String resolution) {
        return "4k".equals(resolution) ? 2160
                : Integer.parseInt(resolution.replace("p", ""));
    }

    /** Returns the allowed duration nearest to the requested seconds. */
    static Optional<Integer> duration(ModelSpec model, int seconds) {
        Optional<ModelParam> param = model.param("duration");
        if (param.isEmpty()) {
            return Optional.empty();
        }
        Integer best = null;
        for (JsonNode allowed : param.get().allowed()) {
            int value = allowed.asInt();
            if (best == null || Math.abs(value - seconds) < Math.abs(best - seconds)) {
                best = value;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<String> defaultText(ModelSpec model, String name) {
        return model.param(name).flatMap(ModelParam::defaultValue).map(JsonNode::asText);
    }

    private static String dataUri(Artifact media) {
        return "data:" + media.mediaType() + ";base64,"
                + Base64.getEncoder().encodeToString(media.bytesUnsafe());
    }

    private HttpUrl generationUrl(String id) {
        return client.endpoints().resolve("generations").newBuilder().addPathSegment(id).build();
    }

    /** Maps a Luma generation state to the shared job phases. */
    static JobState state(JsonNode generation) {
        String state = generation.path("state").asText("");
        String reason = generation.path("failure_reason").asText("");
        return switch (state) {
            case "queued" -> new JobState(JobPhase.QUEUED, OptionalDouble.empty(), state, "");
            case "dreaming" -> new JobState(JobPhase.RUNNING, OptionalDouble.empty(), state, "");
            case "completed" -> new JobState(JobPhase.SUCCEEDED, OptionalDouble.of(1), state, "");
            case "failed" -> new JobState(LumaErrors.mentionsModeration(reason)
                    ? JobPhase.MODERATED : JobPhase.FAILED, OptionalDouble.empty(), state,
                    reason);
            default -> throw new IllegalArgumentException(state);
        };
    }

    /** One generation, submitted, polled and downloaded. */
    private final class GenerationJob implements AsyncJob<Generation> {

        private final ModelSpec model;
        private final String path;
        private final ObjectNode body;
        private final String expectedPrefix;

        GenerationJob(ModelSpec model, String path, ObjectNode body, String expectedPrefix) {
            this.model = model;
            this.path = path;
            this.body = body;
            this.expectedPrefix = expectedPrefix;
        }

        @Override
        public ProviderJob submit(WorkContext context) throws IOException, ProviderException {
            Request request = new Request.Builder().url(client.endpoints().resolve(path))
                    .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build();
            JsonResponse response = client.call(request, CallKind.SUBMIT, context);
            return job(requireText(response.body(), "id", response), response.providerRequestId());
        }

        @Override
        public JobState poll(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            JsonResponse response = get(job, context);
            try {
                return state(response.body());
            } catch (IllegalArgumentException e) {
                throw malformed(response, "returned the unknown generation state \""
                        + response.body().path("state").asText() + "\" for generation "
                        + job.providerJobId());
            }
        }

        @Override
        public Generation fetch(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            JsonResponse response = get(job, context);
            JsonNode assets = response.body().path("assets");
            String field = expectedPrefix.startsWith("video") ? "video" : "image";
            JsonNode url = assets.path(field);
            if (!url.isTextual() || url.asText().isBlank()) {
                throw malformed(response, "completed generation " + job.providerJobId()
                        + " without assets." + field + " for model " + model.id());
            }
            DownloadedMedia media = client.download(url.asText(), context, expectedPrefix);
            Artifact artifact = Artifact.ofBytes(media.info().mediaType(), media.bytes(), false);
            // Luma reports no cost per generation, only the account balance at GET /credits.
            return new Generation(artifact, Optional.empty(), Optional.of(job.providerJobId()));
        }

        @Override
        public boolean cancel(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            // NOTE: Luma has no cancel endpoint. Its SDK offers DELETE /generations/{id}, and
            // whether deleting a dreaming generation stops the charge is not documented.
            Request request = new Request.Builder().url(job.cancelUrl().orElseThrow())
                    .delete().build();
            try {
                client.call(request, CallKind.CANCEL, context);
            } catch (MalformedResponseException e) {
                // A successful delete may return 204 with no body, which is not JSON.
                LOG.debug("Luma answered the delete of {} without JSON", job.providerJobId());
            }
            return true;
        }

        private JsonResponse get(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            Request request = new Request.Builder().url(job.pollUrl().orElseThrow()).get()
                    .build();
            return client.call(request, CallKind.POLL, context);
        }
    }

    private ProviderJob job(String id, Optional<String> requestId) {
        String url = generationUrl(id).toString();
        return new ProviderJob(id, requestId.or(() -> Optional.of(id)), Optional.of(url),
                Optional.of(url), Optional.of(url));
    }

    /**
     * Luma's {@code GET /generations} list, searched for a generation of the same model, type
     * and prompt created since the journal entry. More than one match means the submit cannot
     * be matched to one generation, so nothing is picked and nothing is sent.
     */
    private final class RecentGenerations implements ProviderJobList {

        private final ModelSpec model;
        private final String prompt;
        private final String generationType;

        RecentGenerations(ModelSpec model, String prompt, String generationType) {
            this.model = model;
            this.prompt = prompt;
            this.generationType = generationType;
        }

        @Override
        public Optional<ProviderJob> find(JobEntry entry, WorkContext context)
                throws IOException, ProviderException {
            HttpUrl url = client.endpoints().resolve("generations").newBuilder()
                    .addQueryParameter("limit", Integer.toString(LIST_LIMIT))
                    .addQueryParameter("offset", "0").build();
            JsonResponse response = client.call(new Request.Builder().url(url).get().build(),
                    CallKind.POLL, context);
            JsonNode generations = response.body().path("generations");
            if (!generations.isArray()) {
                throw malformed(response, "returned a generation list without \"generations\"");
            }
            Instant since = entry.createdAt().minus(CLOCK_SKEW);
            List<String> matches = new ArrayList<>();
            for (JsonNode generation : generations) {
                if (matches(generation, since)) {
                    matches.add(generation.path("id").asText());
                }
            }
            if (matches.size() > 1) {
                throw new AmbiguousSubmitException(ID, entry.providerRequestId(), "Luma lists "
                        + matches.size() + " generations of model " + model.id()
                        + " with this prompt since " + since + " (" + String.join(", ", matches)
                        + "), so the ambiguous submit of cache key "
                        + entry.cacheKey().shortForm() + " cannot be matched to one; this run"
                        + " did not submit again. Check the Luma dashboard, then clear the item",
                        null);
            }
            return matches.stream().findFirst()
                    .map(id -> job(id, entry.providerRequestId()));
        }

        private boolean matches(JsonNode generation, Instant since) {
            if (!generation.path("id").isTextual()
                    || !model.apiModel().equals(generation.path("model").asText())
                    || !generationType.equals(generation.path("generation_type").asText(""))
                    || !prompt.equals(generation.path("request").path("prompt").asText())) {
                return false;
            }
            try {
                return !OffsetDateTime.parse(generation.path("created_at").asText())
                        .toInstant().isBefore(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    private static String requireText(JsonNode body, String field, JsonResponse response)
            throws MalformedResponseException {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw malformed(response, "returned a generation without \"" + field + "\"");
        }
        return value.asText();
    }

    private static MalformedResponseException malformed(JsonResponse response, String what) {
        return new MalformedResponseException(ID, OptionalInt.of(response.status()),
                response.providerRequestId(), "Provider luma " + what);
    }
}
