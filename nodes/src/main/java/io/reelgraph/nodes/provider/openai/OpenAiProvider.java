package io.reelgraph.nodes.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelInput;
import io.reelgraph.nodes.catalog.ModelParam;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.SpeechJob;
import io.reelgraph.nodes.provider.TextJob;
import io.reelgraph.nodes.provider.VideoJob;
import io.reelgraph.nodes.provider.async.SyncCallJournal;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.DownloadedMedia;
import io.reelgraph.nodes.provider.http.JsonResponse;
import io.reelgraph.nodes.provider.http.MediaResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI adapter. Images, speech and text are synchronous: {@code POST /images/generations}
 * (JSON) or {@code POST /images/edits} (multipart, when the job has reference images) returns
 * the image as base64 in the response, {@code POST /audio/speech} returns the audio bytes and
 * {@code POST /chat/completions} returns the response text with its token usage. Every call is sent
 * once; the job journal records a call that timed out as ambiguous.
 */
public final class OpenAiProvider implements Provider {

    public static final String ID = "openai";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final ProviderClient client;
    private final SyncCallJournal journal = new SyncCallJournal(ID);

    public OpenAiProvider(ProviderClient client) {
        if (!ID.equals(client.endpoints().providerId())) {
            throw new IllegalArgumentException("OpenAiProvider needs the client of provider"
                    + " openai, got " + client.endpoints().providerId());
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
        requireKey(model);
        boolean edit = !job.references().isEmpty()
                && model.inputs().stream().anyMatch(input -> input == ModelInput.IMAGE);
        Request request = edit ? editRequest(job) : generationRequest(job);
        return journal.run(model.id(), () -> sendImage(request, model, context), context);
    }

    @Override
    public Generation speech(SpeechJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        requireKey(model);
        // Format, speed and instructions keep OpenAI's defaults (MP3, 1.0, none), because a
        // speech job carries no values for them.
        ObjectNode body = JSON.createObjectNode()
                .put("model", model.apiModel())
                .put("input", job.text())
                .put("voice", job.voice());
        Request request = new Request.Builder().url(client.endpoints().resolve("audio/speech"))
                .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build();
        return journal.run(model.id(), () -> {
            MediaResponse response = client.media(request, CallKind.SUBMIT, context,
                    "audio/");
            return generation(response.media(), response.providerRequestId());
        }, context);
    }

    @Override
    public Generation text(TextJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        requireKey(model);
        Request request = ChatCompletions.request(
                client.endpoints().resolve("chat/completions"), job);
        return journal.run(model.id(), () -> ChatCompletions.read(
                client.call(request, CallKind.SUBMIT, context), model), context);
    }

    @Override
    public Generation video(VideoJob job, WorkContext context) throws Exception {
        throw new NodeException("Model " + job.model().id() + " runs on OpenAI's Videos API"
                + " (Sora), which OpenAI's documentation lists as shut down on 2026-09-24, so"
                + " this build does not call it; choose a video model of another provider");
    }

    private Request generationRequest(ImageJob job) throws IOException {
        ModelSpec model = job.model();
        ObjectNode body = JSON.createObjectNode()
                .put("model", model.apiModel())
                .put("prompt", job.prompt())
                .put("n", 1);
        // NOTE: quality keeps the provider default (auto for GPT image models). The catalog
        // prices the default size, so a wide or tall size can cost more than projected.
        closestSize(model, job.width(), job.height()).ifPresent(size -> body.put("size", size));
        if (dallE(model)) {
            // GPT image models always return base64 and reject response_format.
            body.put("response_format", "b64_json");
        }
        return new Request.Builder().url(client.endpoints().resolve("images/generations"))
                .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build();
    }

    private Request editRequest(ImageJob job) {
        ModelSpec model = job.model();
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("model", model.apiModel())
                .addFormDataPart("prompt", job.prompt())
                .addFormDataPart("n", "1");
        closestSize(model, job.width(), job.height())
                .ifPresent(size -> form.addFormDataPart("size", size));
        if (dallE(model)) {
            form.addFormDataPart("response_format", "b64_json");
        }
        // One reference goes as "image" and several as the array field "image[]". Only GPT
        // image models accept the array, so DALL-E 2 gets the first reference alone.
        List<Artifact> references = dallE(model) ? job.references().subList(0, 1)
                : job.references();
        String field = references.size() == 1 ? "image" : "image[]";
        for (int i = 0; i < references.size(); i++) {
            Artifact reference = references.get(i);
            form.addFormDataPart(field, "reference-" + (i + 1) + extension(reference),
                    RequestBody.create(reference.bytesUnsafe(),
                            MediaType.get(reference.mediaType())));
        }
        return new Request.Builder().url(client.endpoints().resolve("images/edits"))
                .post(form.build()).build();
    }

    private Generation sendImage(Request request, ModelSpec model, WorkContext context)
            throws IOException, ProviderException {
        JsonResponse response = client.call(request, CallKind.SUBMIT, context);
        JsonNode image = response.body().path("data").path(0);
        Optional<BigDecimal> actualUsd = imageCost(model, response);

        DownloadedMedia media;
        if (image.path("b64_json").isTextual()) {
            media = client.typeMedia(decode(image.get("b64_json").asText(), response),
                    "the b64_json of model " + model.id(), "image/",
                    response.providerRequestId());
        } else if (image.path("url").isTextual()) {
            media = client.download(image.get("url").asText(), context, "image/");
        } else {
            throw malformed(response, "returned no image (data[0] has neither b64_json nor url)"
                    + " for model " + model.id());
        }
        Artifact artifact = Artifact.ofBytes(media.info().mediaType(), media.bytes(), false);
        return new Generation(artifact, actualUsd, response.providerRequestId());
    }

    /**
     * Prices the {@code usage} tokens of a GPT image response with the catalog's token prices.
     * DALL-E responses carry no usage, so their actual cost stays empty.
     */
    private static Optional<BigDecimal> imageCost(ModelSpec model, JsonResponse response) {
        JsonNode usage = response.body().path("usage");
        if (!usage.isObject()) {
            return Optional.empty();
        }
        long input = usage.path("input_tokens").asLong();
        JsonNode details = usage.path("input_tokens_details");
        // Without the split, every input token is priced as text.
        long imageInput = details.path("image_tokens").asLong(0);
        long textInput = details.path("text_tokens").canConvertToLong()
                ? details.get("text_tokens").asLong() : input - imageInput;
        long output = usage.path("output_tokens").asLong();
        LOG.info("OpenAI call of model {} used {} text input, {} image input and {} output"
                + " tokens (request id {})", model.id(), textInput, imageInput, output,
                response.providerRequestId().orElse("none"));
        return model.price().tokenCost(textInput, imageInput, output);
    }

    private static byte[] decode(String base64, JsonResponse response)
            throws MalformedResponseException {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw malformed(response, "returned a b64_json image that is not valid base64 ("
                    + e.getMessage() + ")");
        }
    }

    private static Generation generation(DownloadedMedia media, Optional<String> requestId) {
        Artifact artifact = Artifact.ofBytes(media.info().mediaType(), media.bytes(), false);
        return new Generation(artifact, Optional.empty(), requestId);
    }

    /**
     * Returns the catalog size of the model whose aspect ratio is closest to the job's, such as
     * {@code 1536x1024} for 1344 by 768; empty when the model has no size param. The size
     * {@code auto} is never picked, because the job names its aspect ratio.
     */
    static Optional<String> closestSize(ModelSpec model, int width, int height) {
        Optional<ModelParam> size = model.param("size");
        if (size.isEmpty()) {
            return Optional.empty();
        }
        double wanted = Math.log((double) width / height);
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (JsonNode allowed : size.get().allowed()) {
            String[] parts = allowed.asText().split("x");
            if (parts.length != 2) {
                continue;
            }
            double ratio = Math.log(Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]));
            double distance = Math.abs(ratio - wanted);
            if (distance < bestDistance) {
                best = allowed.asText();
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean dallE(ModelSpec model) {
        return model.apiModel().startsWith("dall-e");
    }

    private static String extension(Artifact media) {
        return switch (media.mediaType()) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/webp" -> ".webp";
            default -> "";
        };
    }

    private void requireKey(ModelSpec model) throws NodeException {
        if (client.keyAlias().isEmpty()) {
            throw new NodeException("Model " + model.id() + " needs an OpenAI key: add one to"
                    + " the vault or set OPENAI_API_KEY, or run with --draft to use the free"
                    + " draft provider");
        }
    }

    private static MalformedResponseException malformed(JsonResponse response, String what) {
        return new MalformedResponseException(ID, OptionalInt.of(response.status()),
                response.providerRequestId(), "Provider openai " + what);
    }
}
