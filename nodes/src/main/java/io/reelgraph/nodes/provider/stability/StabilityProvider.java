package io.reelgraph.nodes.provider.stability;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.journal.JobClaimedException;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.JobHandle;
import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelInput;
import io.reelgraph.nodes.catalog.ModelParam;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.error.AmbiguousSubmitException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.IncompleteResponseException;
import io.reelgraph.nodes.provider.http.MediaResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stability AI adapter on the v2beta Stable Image API. A generate call is synchronous: a
 * multipart {@code POST /v2beta/stable-image/generate/{ultra|core|sd3}} with
 * {@code Accept: image/*} returns the image bytes, with the {@code finish-reason},
 * {@code seed} and {@code x-request-id} headers. Stability reports no cost per call.
 *
 * <p>Because no job id exists to resume, the job journal only guards against paying twice: the
 * entry is SUBMITTING while the call is in flight, AMBIGUOUS when it was sent but no response
 * arrived, and FAILED after an error. An AMBIGUOUS or SUBMITTING entry stops the next run,
 * except that a SUBMITTING entry another process claimed within the stale limit makes the
 * engine wait for that call's result.
 */
public final class StabilityProvider implements Provider {

    public static final String ID = "stability";

    /**
     * The image-to-image strength sent with a reference image, halfway between keeping the
     * reference (0) and ignoring it (1).
     */
    static final double REFERENCE_STRENGTH = 0.5;

    private static final Logger LOG = LoggerFactory.getLogger(StabilityProvider.class);
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private final ProviderClient client;

    public StabilityProvider(ProviderClient client) {
        if (!ID.equals(client.endpoints().providerId())) {
            throw new IllegalArgumentException("StabilityProvider needs the client of provider"
                    + " stability, got " + client.endpoints().providerId());
        }
        this.client = client;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Generation image(ImageJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        if (client.keyAlias().isEmpty()) {
            throw new NodeException("Model " + model.id() + " needs a Stability AI key: add one"
                    + " to the vault or set STABILITY_API_KEY, or run with --draft to use the"
                    + " free draft provider");
        }
        Request request = new Request.Builder()
                .url(client.endpoints().resolve("v2beta/stable-image/generate/" + route(model)))
                .header("Accept", "image/*")
                .post(form(job))
                .build();
        Optional<JobHandle> handle = context.job();
        rejectOpenEntry(model, handle);
        MediaResponse response = send(request, model, handle, context);
        return generation(model, response);
    }

    /** Returns the generate route of a model: {@code sd3} for every SD 3.5 model. */
    static String route(ModelSpec model) {
        return model.apiModel().startsWith("sd3") ? "sd3" : model.apiModel();
    }

    /** Builds the multipart form, which Stability needs even for a text-only request. */
    static MultipartBody form(ImageJob job) {
        ModelSpec model = job.model();
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("prompt", job.prompt());
        if (route(model).equals("sd3")) {
            form.addFormDataPart("model", model.apiModel());
        }
        model.param("output_format").flatMap(ModelParam::defaultValue)
                .ifPresent(format -> form.addFormDataPart("output_format", format.asText()));
        // Stability takes a seed from 0 to 4294967294, where 0 means random.
        if (model.param("seed").isPresent() && job.seed() >= 0 && job.seed() <= 4_294_967_294L) {
            form.addFormDataPart("seed", Long.toString(job.seed()));
        }

        boolean imageToImage = !job.references().isEmpty()
                && model.inputs().contains(ModelInput.IMAGE);
        if (imageToImage) {
            Artifact reference = job.references().get(0);
            form.addFormDataPart("image", "reference" + extension(reference.mediaType()),
                    RequestBody.create(reference.bytesUnsafe(), mediaType(reference)));
            // NOTE: ImageJob carries no strength, so every image-to-image call sends 0.5.
            form.addFormDataPart("strength", Double.toString(REFERENCE_STRENGTH));
            if (route(model).equals("sd3")) {
                form.addFormDataPart("mode", "image-to-image");
            }
        } else {
            // The aspect ratio applies to text-to-image only; image-to-image keeps the input's.
            aspectRatio(model, job.width(), job.height())
                    .ifPresent(ratio -> form.addFormDataPart("aspect_ratio", ratio));
        }
        return form.build();
    }

    /**
     * Returns the allowed aspect ratio of the model closest in shape to {@code width:height},
     * because the API takes no width or height. Returns empty when the catalog lists none.
     */
    static Optional<String> aspectRatio(ModelSpec model, int width, int height) {
        Optional<ModelParam> param = model.param("aspect_ratio");
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

    /**
     * Stops a run whose earlier generate call may have been paid without a result arriving.
     * Stability has no list of past calls to check such a call against.
     */
    private static void rejectOpenEntry(ModelSpec model, Optional<JobHandle> handle)
            throws AmbiguousSubmitException {
        Optional<JobEntry> entry = handle.flatMap(JobHandle::entry);
        if (entry.isPresent() && handle.get().inFlightElsewhere(entry.get(), Instant.now())) {
            throw new JobClaimedException(entry.get());
        }
        if (entry.isEmpty() || (entry.get().status() != JobStatus.AMBIGUOUS
                && entry.get().status() != JobStatus.SUBMITTING)) {
            return;
        }
        JobEntry open = entry.get();
        String request = open.providerRequestId().map(id -> "request id " + id)
                .orElse("no request id arrived; look for a request sent at " + open.createdAt());
        throw new AmbiguousSubmitException(ID, open.providerRequestId(), "The generate call of"
                + " model " + model.id() + " to provider stability (cache key "
                + open.cacheKey().shortForm() + ") may have been paid, but no usable response"
                + " arrived (" + request + "). Check the Stability account's usage before"
                + " running this item again; this run did not submit again", null);
    }

    private MediaResponse send(Request request, ModelSpec model, Optional<JobHandle> handle,
            WorkContext context) throws IOException, ProviderException {
        // The claim replaces only the entry read here, so a run that claimed in between wins.
        handle.ifPresent(h -> h.claim(ID, model.id(), h.entry()));
        Instant sent = Instant.now();
        context.progress(0.05, "generating");
        try {
            return client.media(request, CallKind.SUBMIT, context, "image/");
        } catch (ConnectException | UnknownHostException e) {
            // The request never reached Stability, so nothing was paid.
            handle.ifPresent(JobHandle::failed);
            throw e;
        } catch (ProviderException e) {
            handle.ifPresent(JobHandle::failed);
            throw e;
        } catch (IOException e) {
            Optional<String> requestId = e instanceof IncompleteResponseException incomplete
                    ? incomplete.providerRequestId() : Optional.empty();
            handle.ifPresent(h -> h.ambiguous(requestId));
            if (e instanceof InterruptedIOException && context.cancelled()) {
                throw e;
            }
            throw new AmbiguousSubmitException(ID, requestId, "The generate call of model "
                    + model.id() + " to provider stability may have been paid, but no usable"
                    + " response arrived (" + requestId.map(id -> "request id " + id)
                    .orElse("sent at " + sent) + ") after " + e.getMessage() + "; the submit"
                    + " was not repeated. Check the Stability account's usage before running"
                    + " this item again", e);
        }
    }

    private static Generation generation(ModelSpec model, MediaResponse response)
            throws ModerationException {
        String finishReason = response.header("finish-reason").orElse("SUCCESS");
        if (finishReason.equals("CONTENT_FILTERED")) {
            // Stability returns a blurred image with HTTP 200 when its filter hits the result.
            throw new ModerationException(ID, OptionalInt.of(response.status()),
                    response.providerRequestId(), "Provider stability filtered the result of"
                    + " model " + model.id() + " by its content policy (finish-reason"
                    + " CONTENT_FILTERED) and returned a blurred image; change the prompt or"
                    + " input image");
        }
        LOG.info("Stability model {} finished with {}, seed {}", model.id(), finishReason,
                response.header("seed").orElse("(not sent)"));
        Artifact artifact = Artifact.ofBytes(response.media().info().mediaType(),
                response.media().bytes(), false);
        return new Generation(artifact, Optional.empty(), response.providerRequestId());
    }

    private static MediaType mediaType(Artifact media) {
        MediaType type = MediaType.parse(media.mediaType());
        return type == null ? OCTET_STREAM : type;
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/webp" -> ".webp";
            default -> "";
        };
    }
}
