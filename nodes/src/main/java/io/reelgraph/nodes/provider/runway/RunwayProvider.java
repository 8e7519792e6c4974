package io.reelgraph.nodes.provider.runway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelInput;
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
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.DownloadedMedia;
import io.reelgraph.nodes.provider.http.JsonResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.Sleeper;
import java.io.IOException;
import java.time.Duration;
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
 * The Runway adapter on Runway's task API (version {@code 2024-11-06}): create a task with
 * {@code POST /v1/image_to_video} or {@code POST /v1/text_to_image}, poll
 * {@code GET /v1/tasks/{id}} ({@code PENDING}, {@code THROTTLED}, {@code RUNNING},
 * {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED}), download the first {@code output} URL
 * at once because it expires within 24 to 48 hours, and cancel with
 * {@code DELETE /v1/tasks/{id}}. Runway has no task list endpoint, so an ambiguous submit is not
 * settled automatically, and a task reports no cost.
 */
public final class RunwayProvider implements Provider {

    public static final String ID = "runway";

    /**
     * Runway's API guide sets a minimum poll interval of 5 seconds, with jitter. The runner waits
     * 80% to 120% of the interval, so a first interval of 6.25 s never polls sooner than 5 s.
     */
    public static final PollingPolicy POLLING = new PollingPolicy(Duration.ofMillis(6250),
            Duration.ofSeconds(20), 1.5, Duration.ofMinutes(20));

    /** Runway accepts a data URI of at most 5 MB, counted on the encoded text. */
    static final int MAX_DATA_URI_CHARS = 5 * 1024 * 1024;

    /** Runway's {@code text_to_image} takes at most three reference images. */
    static final int MAX_REFERENCES = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final ProviderClient client;
    private final PollingPolicy policy;
    private final Sleeper sleeper;

    public RunwayProvider(ProviderClient client, PollingPolicy policy, Sleeper sleeper) {
        if (!ID.equals(client.endpoints().providerId())) {
            throw new IllegalArgumentException("RunwayProvider needs the client of provider"
                    + " runway, got " + client.endpoints().providerId());
        }
        this.client = client;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    @Override
    public String id() {
        return ID;
    }

    /** Creates a {@code text_to_image} task, with the references as tagged reference images. */
    @Override
    public Generation image(ImageJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        ObjectNode body = JSON.createObjectNode()
                .put("model", model.apiModel())
                .put("promptText", job.prompt());
        ratio(model, job.width(), job.height()).ifPresent(ratio -> body.put("ratio", ratio));
        putSeed(body, model, job.seed());
        if (job.references().size() > MAX_REFERENCES) {
            throw new NodeException("Model " + model.id() + " takes at most " + MAX_REFERENCES
                    + " reference images, got " + job.references().size()
                    + "; connect fewer references");
        }
        if (model.apiModel().equals("gen4_image_turbo") && job.references().isEmpty()) {
            throw new NodeException("Model " + model.id() + " needs 1 to " + MAX_REFERENCES
                    + " reference images and got none; connect a reference image or use"
                    + " runway/gen4_image");
        }
        if (!job.references().isEmpty()) {
            ArrayNode references = body.putArray("referenceImages");
            for (int i = 0; i < job.references().size(); i++) {
                // A prompt may name a reference as @tag. Tags ref1, ref2 and ref3 follow input order.
                references.addObject().put("uri", dataUri(model, job.references().get(i)))
                        .put("tag", "ref" + (i + 1));
            }
        }
        return run(model, "text_to_image", body, "image/", context);
    }

    /** Creates an {@code image_to_video} task from the still image and the prompt. */
    @Override
    public Generation video(VideoJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        List<ModelInput> inputs = model.inputs();
        if (!inputs.contains(ModelInput.IMAGE) || inputs.contains(ModelInput.VIDEO)) {
            throw new NodeException("Model " + model.id() + " does not make a video from a still"
                    + " image; choose runway/gen4_turbo, runway/gen4.5, runway/gen3a_turbo or"
                    + " runway/veo3");
        }
        ObjectNode body = JSON.createObjectNode()
                .put("model", model.apiModel())
                .put("promptImage", dataUri(model, job.image()));
        if (!job.prompt().isEmpty()) {
            body.put("promptText", job.prompt());
        }
        ratio(model, job.width(), job.height()).ifPresent(ratio -> body.put("ratio", ratio));
        body.put("duration", duration(model, job.seconds()));
        putSeed(body, model, job.seed());
        return run(model, "image_to_video", body, "video/", context);
    }

    private Generation run(ModelSpec model, String endpoint, ObjectNode body,
            String expectedPrefix, WorkContext context) throws Exception {
        if (client.keyAlias().isEmpty()) {
            throw new NodeException("Model " + model.id() + " needs a Runway key: add one to the"
                    + " vault or set RUNWAYML_API_SECRET, or run with --draft to use the free"
                    + " draft provider");
        }
        AsyncJobRunner runner = new AsyncJobRunner(ID, policy, sleeper, Optional.empty());
        return runner.run(new Task(model, endpoint, body, expectedPrefix), model.id(), context);
    }

    /**
     * Returns the allowed ratio of the model closest in shape to {@code width:height}. Returns
     * empty when the catalog lists no ratios, so Runway uses its default.
     */
    static Optional<String> ratio(ModelSpec model, int width, int height) {
        Optional<ModelParam> param = model.param("ratio");
        if (param.isEmpty() || param.get().allowed().isEmpty()) {
            return Optional.empty();
        }
        double target = Math.log((double) width / height);
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (JsonNode allowed : param.get().allowed()) {
            String[] parts = allowed.asText().split(":");
            double distance = Math.abs(Math.log(Double.parseDouble(parts[0])
                    / Double.parseDouble(parts[1])) - target);
            if (distance < bestDistance) {
                best = allowed.asText();
                bestDistance = distance;
            }
        }
        return Optional.of(best);
    }

    /** Checks the clip length against the model's allowed durations or range. */
    static int duration(ModelSpec model, int seconds) throws NodeException {
        Optional<ModelParam> param = model.param("duration");
        if (param.isPresent()) {
            Optional<String> problem = param.get().check(JSON.getNodeFactory().numberNode(seconds));
            if (problem.isPresent()) {
                throw new NodeException("Model " + model.id() + " cannot make this clip: "
                        + problem.get() + " seconds; set the node's duration param to a"
                        + " value the model accepts");
            }
        }
        return seconds;
    }

    private static void putSeed(ObjectNode body, ModelSpec model, long seed) {
        // Runway takes a seed from 0 to 4294967295. A seed outside that range is not sent, so
        // Runway picks one.
        if (model.param("seed").isPresent() && seed >= 0 && seed <= 4_294_967_295L) {
            body.put("seed", seed);
        }
    }

    private static String dataUri(ModelSpec model, Artifact media) throws NodeException {
        String uri = "data:" + media.mediaType() + ";base64,"
                + Base64.getEncoder().encodeToString(media.bytesUnsafe());
        if (uri.length() > MAX_DATA_URI_CHARS) {
            // NOTE: Runway's uploads API would take larger files; this adapter does not use it.
            throw new NodeException("The " + media.mediaType() + " input of model " + model.id()
                    + " is " + media.bytesUnsafe().length + " bytes, which is over Runway's data"
                    + " URI limit of 5 MB once encoded (about 3.7 MB of raw bytes); use a smaller"
                    + " or more compressed image");
        }
        return uri;
    }

    /** One Runway task. */
    private final class Task implements AsyncJob<Generation> {

        private final ModelSpec model;
        private final String endpoint;
        private final ObjectNode body;
        private final String expectedPrefix;

        Task(ModelSpec model, String endpoint, ObjectNode body, String expectedPrefix) {
            this.model = model;
            this.endpoint = endpoint;
            this.body = body;
            this.expectedPrefix = expectedPrefix;
        }

        @Override
        public ProviderJob submit(WorkContext context) throws IOException, ProviderException {
            Request request = new Request.Builder()
                    .url(client.endpoints().resolve(endpoint))
                    .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE))
                    .build();
            JsonResponse response = client.call(request, CallKind.SUBMIT, context);
            String id = requireText(response.body(), "id", response);
            String taskUrl = client.endpoints().resolve("tasks/" + id).toString();
            return new ProviderJob(id, response.providerRequestId().or(() -> Optional.of(id)),
                    Optional.of(taskUrl), Optional.of(taskUrl), Optional.of(taskUrl));
        }

        @Override
        public JobState poll(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            JsonResponse response = task(job, context);
            return state(response);
        }

        @Override
        public Generation fetch(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            JsonResponse response = task(job, context);
            JsonNode output = response.body().path("output").path(0);
            if (!output.isTextual() || output.asText().isBlank()) {
                throw malformed(response, "returned the succeeded task " + job.providerJobId()
                        + " without an output URL");
            }
            DownloadedMedia media = client.download(output.asText(), context, expectedPrefix);
            Artifact artifact = Artifact.ofBytes(media.info().mediaType(), media.bytes(), false);
            return new Generation(artifact, Optional.empty(), Optional.of(job.providerJobId()));
        }

        @Override
        public boolean cancel(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            Request request = new Request.Builder().url(job.cancelUrl().orElseThrow()).delete()
                    .build();
            // 404 means the task is already gone, so there is nothing left to cancel.
            int status = client.send(request, CallKind.CANCEL, context, Set.of(404));
            return status == 204 || status == 200;
        }

        private JsonResponse task(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            Request request = new Request.Builder().url(job.pollUrl().orElseThrow()).get().build();
            return client.call(request, CallKind.POLL, context);
        }
    }

    /** Maps a task response to the shared job state. */
    static JobState state(JsonResponse response) throws MalformedResponseException {
        JsonNode body = response.body();
        String status = requireText(body, "status", response);
        OptionalDouble progress = body.path("progress").isNumber()
                ? OptionalDouble.of(body.get("progress").asDouble()) : OptionalDouble.empty();
        return switch (status) {
            case "PENDING" -> new JobState(JobPhase.QUEUED, progress, status, "");
            case "THROTTLED" -> new JobState(JobPhase.QUEUED, progress, status,
                    "throttled by the account's concurrency limit");
            case "RUNNING" -> new JobState(JobPhase.RUNNING, progress, status, "");
            case "SUCCEEDED" -> new JobState(JobPhase.SUCCEEDED, OptionalDouble.of(1), status, "");
            case "CANCELLED" -> new JobState(JobPhase.CANCELLED, progress, status, "");
            case "FAILED" -> failed(body, status);
            default -> throw malformed(response, "returned the unknown task status \"" + status
                    + "\"");
        };
    }

    /**
     * Maps a failed task: a {@code failureCode} under {@code SAFETY} (such as
     * {@code SAFETY.INPUT.IMAGE}) means Runway's moderation blocked it.
     */
    private static JobState failed(JsonNode body, String status) {
        String code = body.path("failureCode").asText("");
        String failure = body.path("failure").asText("");
        String message = code.isEmpty() ? failure : failure.isEmpty() ? code
                : failure + " (" + code + ")";
        JobPhase phase = code.equals("SAFETY") || code.startsWith("SAFETY.")
                ? JobPhase.MODERATED : JobPhase.FAILED;
        return new JobState(phase, OptionalDouble.empty(), status, message);
    }

    private static String requireText(JsonNode body, String field, JsonResponse response)
            throws MalformedResponseException {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw malformed(response, "returned a task response without \"" + field + "\"");
        }
        return value.asText();
    }

    private static MalformedResponseException malformed(JsonResponse response, String what) {
        return new MalformedResponseException(ID, OptionalInt.of(response.status()),
                response.providerRequestId(), "Provider runway " + what);
    }
}
