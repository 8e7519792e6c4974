package io.reelgraph.nodes.provider.fal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelInput;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.SpeechJob;
import io.reelgraph.nodes.provider.VideoJob;
import io.reelgraph.nodes.provider.async.AsyncJob;
import io.reelgraph.nodes.provider.async.AsyncJobRunner;
import io.reelgraph.nodes.provider.async.JobPhase;
import io.reelgraph.nodes.provider.async.JobState;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.DownloadedMedia;
import io.reelgraph.nodes.provider.http.JsonResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.Sleeper;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The fal.ai adapter on fal's queue API: submit to {@code queue.fal.run/{model}}, poll the
 * {@code status_url} from the submit response ({@code IN_QUEUE}, {@code IN_PROGRESS},
 * {@code COMPLETED}), fetch the {@code response_url}, download the media URL in the result
 * JSON, and cancel with {@code PUT cancel_url}. fal has no job list endpoint, so an ambiguous
 * submit is not settled automatically.
 */
public final class FalProvider implements Provider {

    public static final String ID = "fal";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final ProviderClient client;
    private final PollingPolicy imagePolicy;
    private final PollingPolicy videoPolicy;
    private final Sleeper sleeper;

    public FalProvider(ProviderClient client, PollingPolicy imagePolicy,
            PollingPolicy videoPolicy, Sleeper sleeper) {
        if (!ID.equals(client.endpoints().providerId())) {
            throw new IllegalArgumentException("FalProvider needs the client of provider fal, got "
                    + client.endpoints().providerId());
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
        ObjectNode input = JSON.createObjectNode().put("prompt", job.prompt());
        if (model.param("width").isPresent() && model.param("height").isPresent()) {
            input.putObject("image_size").put("width", job.width()).put("height", job.height());
        }
        if (model.param("num_images").isPresent()) {
            input.put("num_images", 1);
        }
        if (model.param("seed").isPresent()) {
            input.put("seed", job.seed());
        }
        if (!job.references().isEmpty() && model.inputs().stream()
                .anyMatch(in -> in == ModelInput.IMAGE)) {
            input.put("image_url", dataUri(job.references().get(0)));
        }
        return run(model, input, "image/", imagePolicy, context);
    }

    @Override
    public Generation video(VideoJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        ObjectNode input = JSON.createObjectNode().put("prompt", job.prompt());
        input.put("image_url", dataUri(job.image()));
        // fal video endpoints take the duration as a string, such as "5".
        input.put("duration", Integer.toString(job.seconds()));
        if (model.param("seed").isPresent()) {
            input.put("seed", job.seed());
        }
        return run(model, input, "video/", videoPolicy, context);
    }

    @Override
    public Generation speech(SpeechJob job, WorkContext context) throws Exception {
        ObjectNode input = JSON.createObjectNode().put("text", job.text());
        if (!job.voice().isEmpty()) {
            input.put("voice", job.voice());
        }
        return run(job.model(), input, "audio/", imagePolicy, context);
    }

    private Generation run(ModelSpec model, ObjectNode input, String expectedPrefix,
            PollingPolicy policy, WorkContext context) throws Exception {
        requireKey(model);
        AsyncJobRunner runner = new AsyncJobRunner(ID, policy, sleeper, Optional.empty());
        return runner.run(new QueueJob(model, input, expectedPrefix), model.id(), context);
    }

    private void requireKey(ModelSpec model) throws NodeException {
        if (client.keyAlias().isEmpty()) {
            throw new NodeException("Model " + model.id() + " needs a fal key: add one to the"
                    + " vault or set FAL_KEY, or run with --draft to use the free draft"
                    + " provider");
        }
    }

    private static String dataUri(Artifact media) {
        return "data:" + media.mediaType() + ";base64,"
                + Base64.getEncoder().encodeToString(media.bytesUnsafe());
    }

    /** One request through fal's queue. */
    private final class QueueJob implements AsyncJob<Generation> {

        private final ModelSpec model;
        private final ObjectNode input;
        private final String expectedPrefix;

        QueueJob(ModelSpec model, ObjectNode input, String expectedPrefix) {
            this.model = model;
            this.input = input;
            this.expectedPrefix = expectedPrefix;
        }

        @Override
        public ProviderJob submit(WorkContext context) throws IOException, ProviderException {
            Request request = new Request.Builder()
                    .url(client.endpoints().resolve(model.apiModel()))
                    .post(RequestBody.create(JSON.writeValueAsBytes(input), JSON_TYPE))
                    .build();
            JsonResponse response = client.call(request, CallKind.SUBMIT, context);
            JsonNode body = response.body();
            String requestId = requireText(body, "request_id", response);
            return new ProviderJob(requestId, Optional.of(requestId),
                    Optional.of(requireText(body, "status_url", response)),
                    Optional.of(requireText(body, "response_url", response)),
                    Optional.ofNullable(body.path("cancel_url").textValue()));
        }

        @Override
        public JobState poll(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            Request request = new Request.Builder().url(job.pollUrl().orElseThrow()).get().build();
            JsonResponse response = client.call(request, CallKind.POLL, context);
            String status = requireText(response.body(), "status", response);
            return switch (status) {
                case "IN_QUEUE" -> new JobState(JobPhase.QUEUED, OptionalDouble.empty(), status,
                        response.body().has("queue_position")
                                ? "queue position " + response.body().get("queue_position")
                                : "");
                case "IN_PROGRESS" -> new JobState(JobPhase.RUNNING, OptionalDouble.empty(),
                        status, "");
                case "COMPLETED" -> response.body().hasNonNull("error")
                        ? new JobState(JobPhase.FAILED, OptionalDouble.empty(), status,
                                response.body().get("error").asText())
                        : new JobState(JobPhase.SUCCEEDED, OptionalDouble.of(1), status, "");
                default -> throw malformed(response, "returned the unknown queue status \""
                        + status + "\"");
            };
        }

        @Override
        public Generation fetch(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            Request request = new Request.Builder().url(job.resultUrl().orElseThrow()).get()
                    .build();
            JsonResponse response = client.call(request, CallKind.POLL, context);
            JsonNode body = response.body();
            JsonNode nsfw = body.path("has_nsfw_concepts");
            if (nsfw.isArray() && nsfw.size() > 0 && nsfw.get(0).asBoolean(false)) {
                throw new ModerationException(ID, OptionalInt.empty(), response.providerRequestId()
                        .or(() -> Optional.of(job.providerJobId())), "Provider fal flagged the"
                        + " result of model " + model.id() + " as unsafe (has_nsfw_concepts);"
                        + " change the prompt or input image");
            }
            String url = mediaUrl(body).orElseThrow(() -> malformed(response,
                    "returned a result without a media URL for model " + model.id()));
            DownloadedMedia media = download(url, context);
            Artifact artifact = Artifact.ofBytes(media.info().mediaType(), media.bytes(), false);
            return new Generation(artifact, Optional.empty(), Optional.of(job.providerJobId()));
        }

        @Override
        public boolean cancel(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            if (job.cancelUrl().isEmpty()) {
                return false;
            }
            Request request = new Request.Builder().url(job.cancelUrl().get())
                    .put(RequestBody.create(new byte[0], null)).build();
            JsonResponse response = client.call(request, CallKind.CANCEL, context,
                    Set.of(400, 404));
            return response.status() == 202
                    || "CANCELLATION_REQUESTED".equals(response.body().path("status").asText());
        }

        private DownloadedMedia download(String url, WorkContext context)
                throws IOException, ProviderException {
            // NOTE: data URIs (fal's sync_mode) are not decoded; this adapter never sets
            // sync_mode, so fal returns CDN URLs.
            return client.download(url, context, expectedPrefix);
        }
    }

    /** Returns the first media URL of a fal result: images, image, video or audio. */
    static Optional<String> mediaUrl(JsonNode body) {
        for (JsonNode candidate : List.of(body.path("images").path(0), body.path("image"),
                body.path("video"), body.path("audio"), body.path("audio_file"),
                body.path("audio_url"))) {
            JsonNode url = candidate.path("url");
            if (url.isTextual() && !url.asText().isBlank()) {
                return Optional.of(url.asText());
            }
        }
        return Optional.empty();
    }

    private static String requireText(JsonNode body, String field, JsonResponse response)
            throws MalformedResponseException {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw malformed(response, "returned a queue response without \"" + field + "\"");
        }
        return value.asText();
    }

    private static MalformedResponseException malformed(JsonResponse response, String what) {
        return new MalformedResponseException(ID, OptionalInt.of(response.status()),
                response.providerRequestId(), "Provider fal " + what);
    }
}
