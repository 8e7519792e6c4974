package io.reelgraph.nodes.provider.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.reelgraph.nodes.provider.async.JobState;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.error.ExpiredResultException;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.DownloadedMedia;
import io.reelgraph.nodes.provider.http.JsonResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.Sleeper;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The Replicate adapter on the predictions API. A model with a version pin is created with
 * {@code POST /predictions} and that version. Any other model is created with
 * {@code POST /models/{owner}/{name}/predictions}, which always runs the latest version of an
 * official model. The prediction is polled at its {@code urls.get} ({@code starting},
 * {@code processing}, then {@code succeeded}, {@code failed}, {@code canceled} or
 * {@code aborted}), its output URL is downloaded at once because Replicate deletes API outputs
 * after one hour, and a cancel goes to {@code urls.cancel}. An ambiguous submit is settled from
 * {@code GET /predictions}.
 */
public final class ReplicateProvider implements Provider {

    public static final String ID = "replicate";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    /** Largest file sent inline as a data URI, because Replicate recommends them below 1 MB. */
    static final long DATA_URI_LIMIT = 1_000_000;

    private final ProviderClient client;
    private final PollingPolicy imagePolicy;
    private final PollingPolicy videoPolicy;
    private final Sleeper sleeper;

    public ReplicateProvider(ProviderClient client, PollingPolicy imagePolicy,
            PollingPolicy videoPolicy, Sleeper sleeper) {
        if (!ID.equals(client.endpoints().providerId())) {
            throw new IllegalArgumentException("ReplicateProvider needs the client of provider"
                    + " replicate, got " + client.endpoints().providerId());
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
        putAspectRatio(model, input, job.width(), job.height());
        if (model.param("num_outputs").isPresent()) {
            input.put("num_outputs", 1);
        }
        if (allows(model, "output_format", "png")) {
            // Flux on Replicate defaults to WebP, so ask for PNG to keep the frame lossless.
            input.put("output_format", "png");
        }
        if (model.param("seed").isPresent()) {
            input.put("seed", job.seed());
        }
        Map<String, Artifact> files = new LinkedHashMap<>();
        if (!job.references().isEmpty() && model.inputs().contains(ModelInput.IMAGE)) {
            files.put(ReplicateInputs.referenceField(model.apiModel()), job.references().get(0));
        }
        return run(model, input, files, "image/", imagePolicy, context);
    }

    @Override
    public Generation video(VideoJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        ObjectNode input = JSON.createObjectNode().put("prompt", job.prompt());
        if (model.param("seed").isPresent()) {
            input.put("seed", job.seed());
        }
        if (model.param("duration").isPresent()) {
            input.put("duration", job.seconds());
        }
        putAspectRatio(model, input, job.width(), job.height());
        return run(model, input,
                Map.of(ReplicateInputs.firstFrameField(model.apiModel()), job.image()), "video/",
                videoPolicy, context);
    }

    /**
     * Runs one prediction.
     *
     * @param files file inputs by field name, added to {@code input} only when the prediction
     *     is submitted, so a resumed job uploads nothing
     */
    private Generation run(ModelSpec model, ObjectNode input, Map<String, Artifact> files,
            String expectedPrefix, PollingPolicy policy, WorkContext context) throws Exception {
        requireKey(model);
        PredictionList list = new PredictionList(client, model.apiModel(), input);
        AsyncJobRunner runner = new AsyncJobRunner(ID, policy, sleeper, Optional.of(list));
        return runner.run(new PredictionJob(model, input, files, expectedPrefix), model.id(),
                context);
    }

    private void requireKey(ModelSpec model) throws NodeException {
        if (client.keyAlias().isEmpty()) {
            throw new NodeException("Model " + model.id() + " needs a Replicate API token: add"
                    + " one to the vault or set REPLICATE_API_TOKEN, or run with --draft to use"
                    + " the free draft provider");
        }
    }

    /** Sends the allowed aspect ratio closest to the requested size, when the model has one. */
    private static void putAspectRatio(ModelSpec model, ObjectNode input, int width, int height) {
        model.param("aspect_ratio")
                .flatMap(param -> ReplicateInputs.closestAspectRatio(param, width, height))
                .ifPresent(ratio -> input.put("aspect_ratio", ratio));
    }

    private static boolean allows(ModelSpec model, String param, String value) {
        Optional<ModelParam> spec = model.param(param);
        return spec.isPresent() && spec.get().allowed().stream()
                .anyMatch(allowed -> value.equals(allowed.asText()));
    }

    /**
     * Returns the input value of a file: a data URI up to {@link #DATA_URI_LIMIT} bytes, as
     * Replicate recommends, and above it the {@code urls.get} of an upload to
     * {@code POST /files}.
     */
    private String fileInput(Artifact media, WorkContext context)
            throws IOException, ProviderException {
        if (media.size() <= DATA_URI_LIMIT) {
            return "data:" + media.mediaType() + ";base64,"
                    + Base64.getEncoder().encodeToString(media.bytesUnsafe());
        }
        RequestBody content = RequestBody.create(media.bytesUnsafe(),
                MediaType.get(media.mediaType()));
        MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("content", "input-" + media.hash().shortForm(), content)
                .build();
        Request request = new Request.Builder().url(client.endpoints().resolve("files"))
                .post(body).build();
        // Retried like a read, because a repeated upload creates a second file but no paid job.
        JsonResponse response = client.call(request, CallKind.POLL, context);
        JsonNode url = response.body().path("urls").path("get");
        if (!url.isTextual() || HttpUrl.parse(url.asText()) == null) {
            throw malformed(response, "returned a file upload without \"urls.get\"");
        }
        return url.asText();
    }

    /** One prediction: create, poll {@code urls.get}, download the output. */
    private final class PredictionJob implements AsyncJob<Generation> {

        private final ModelSpec model;
        private final ObjectNode input;
        private final Map<String, Artifact> files;
        private final String expectedPrefix;
        private JsonNode finished;

        PredictionJob(ModelSpec model, ObjectNode input, Map<String, Artifact> files,
                String expectedPrefix) {
            this.model = model;
            this.input = input;
            this.files = Map.copyOf(files);
            this.expectedPrefix = expectedPrefix;
        }

        @Override
        public ProviderJob submit(WorkContext context) throws IOException, ProviderException {
            ObjectNode body = JSON.createObjectNode();
            HttpUrl url;
            if (model.versionPin().isBlank()) {
                url = client.endpoints().resolve("models/" + model.apiModel() + "/predictions");
            } else {
                url = client.endpoints().resolve("predictions");
                body.put("version", model.versionPin());
            }
            ObjectNode sent = input.deepCopy();
            for (Map.Entry<String, Artifact> file : files.entrySet()) {
                sent.put(file.getKey(), fileInput(file.getValue(), context));
            }
            body.set("input", sent);
            Request request = new Request.Builder().url(url)
                    .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE))
                    .build();
            JsonResponse response = client.call(request, CallKind.SUBMIT, context);
            return Predictions.job(response.body(), client.endpoints())
                    .orElseThrow(() -> malformed(response, "returned a prediction without \"id\""
                            + " or \"urls.get\" for model " + model.id()));
        }

        @Override
        public JobState poll(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            Request request = new Request.Builder().url(job.pollUrl().orElseThrow()).get().build();
            JsonResponse response = client.call(request, CallKind.POLL, context);
            String status = response.body().path("status").asText("");
            JobState state = Predictions.state(response.body()).orElseThrow(() -> malformed(response,
                    "returned the unknown prediction status \"" + status + "\""));
            if (state.phase().finished()) {
                finished = response.body();
            }
            return state;
        }

        @Override
        public Generation fetch(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            JsonNode prediction = finished;
            if (prediction.path("data_removed").asBoolean(false)) {
                throw new ExpiredResultException(ID,
                        OptionalInt.empty(), Optional.of(job.providerJobId()), "Replicate"
                        + " already deleted the output of prediction " + job.providerJobId()
                        + " (data_removed), because API outputs are kept for one hour; run the"
                        + " item again to generate it anew");
            }
            String url = Predictions.firstOutputUrl(prediction).orElseThrow(() ->
                    new MalformedResponseException(ID, OptionalInt.empty(),
                            Optional.of(job.providerJobId()), "Provider replicate returned a"
                            + " succeeded prediction without an output URL for model "
                            + model.id()));
            DownloadedMedia media = client.download(url, context, expectedPrefix);
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
                    .post(RequestBody.create(new byte[0], null)).build();
            JsonResponse response = client.call(request, CallKind.CANCEL, context, Set.of(404));
            // Replicate returns the prediction; one that already succeeded or failed stays so.
            String status = response.body().path("status").asText("");
            return response.status() == 200 && !"succeeded".equals(status)
                    && !"failed".equals(status);
        }
    }

    private static MalformedResponseException malformed(JsonResponse response, String problem) {
        return new MalformedResponseException(ID, OptionalInt.of(response.status()),
                response.providerRequestId(), "Provider replicate " + problem);
    }
}
