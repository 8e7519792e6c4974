package io.reelgraph.nodes.provider.bfl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.nodes.catalog.ModelInput;
import io.reelgraph.nodes.catalog.ModelParam;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.provider.ImageJob;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Builds the JSON body of a FLUX API submit from an image job and the model's params. */
final class BflInputs {

    /** FLUX.2 models take up to eight reference images: input_image, input_image_2 to _8. */
    static final int MAX_FLUX2_REFERENCES = 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BflInputs() {
    }

    static ObjectNode body(ImageJob job) throws NodeException {
        ModelSpec model = job.model();
        ObjectNode body = JSON.createObjectNode().put("prompt", job.prompt());
        Optional<ModelParam> width = model.param("width");
        Optional<ModelParam> height = model.param("height");
        if (width.isPresent() && height.isPresent()) {
            int step = sizeStep(model.apiModel());
            body.put("width", fit(job.width(), width.get(), step));
            body.put("height", fit(job.height(), height.get(), step));
        }
        model.param("aspect_ratio")
                .flatMap(param -> closestAspectRatio(param, job.width(), job.height()))
                .ifPresent(ratio -> body.put("aspect_ratio", ratio));
        if (model.param("seed").isPresent()) {
            body.put("seed", job.seed());
        }
        if (allows(model.param("output_format"), "png")) {
            // BFL defaults to JPEG, so ask for PNG to keep the frame lossless.
            body.put("output_format", "png");
        }
        putReferences(model, job.references(), body);
        return body;
    }

    /**
     * Returns the size multiple a model needs. NOTE: the multiples 32 for FLUX.1 and 16 for
     * FLUX.2 are not checked against BFL's current API reference.
     */
    static int sizeStep(String apiModel) {
        return apiModel.startsWith("flux-2") ? 16 : 32;
    }

    /** Rounds a size to the nearest multiple of {@code step} inside the param's range. */
    static int fit(int size, ModelParam param, int step) {
        int min = param.min().map(BigDecimal::intValue).orElse(step);
        int max = param.max().map(BigDecimal::intValue).orElse(Integer.MAX_VALUE / 2);
        int lowest = (min + step - 1) / step * step;
        int highest = max / step * step;
        int rounded = Math.round(size / (float) step) * step;
        return Math.max(lowest, Math.min(highest, rounded));
    }

    private static void putReferences(ModelSpec model, List<Artifact> references,
            ObjectNode body) throws NodeException {
        String api = model.apiModel();
        if (api.equals("flux-pro-1.0-fill")) {
            // NOTE: that BFL fills the image's transparent area when no mask is sent is
            // recalled from its docs, not re-read. A second reference is sent as the mask.
            if (references.isEmpty()) {
                throw new NodeException("Model " + model.id() + " fills in part of an image, so"
                        + " it needs the image as its first reference and optionally a mask as"
                        + " the second; connect an image to the references port");
            }
            body.put("image", base64(references.get(0)));
            if (references.size() > 1) {
                body.put("mask", base64(references.get(1)));
            }
            return;
        }
        if (references.isEmpty() || !model.inputs().contains(ModelInput.IMAGE)) {
            return;
        }
        if (api.startsWith("flux-2")) {
            if (references.size() > MAX_FLUX2_REFERENCES) {
                throw new NodeException("Model " + model.id() + " takes at most "
                        + MAX_FLUX2_REFERENCES + " reference images, got " + references.size()
                        + "; connect fewer references");
            }
            for (int i = 0; i < references.size(); i++) {
                body.put(i == 0 ? "input_image" : "input_image_" + (i + 1),
                        base64(references.get(i)));
            }
        } else if (api.startsWith("flux-kontext")) {
            body.put("input_image", base64(references.get(0)));
        } else {
            body.put("image_prompt", base64(references.get(0)));
        }
    }

    private static String base64(Artifact media) {
        return Base64.getEncoder().encodeToString(media.bytesUnsafe());
    }

    private static boolean allows(Optional<ModelParam> param, String value) {
        return param.isPresent() && param.get().allowed().stream()
                .anyMatch(allowed -> value.equals(allowed.asText()));
    }

    /**
     * Returns the allowed {@code W:H} value whose ratio is closest to {@code width} by
     * {@code height}, compared on a log scale so 2:1 and 1:2 are equally far from 1:1.
     */
    static Optional<String> closestAspectRatio(ModelParam param, int width, int height) {
        if (width <= 0 || height <= 0) {
            return Optional.empty();
        }
        double target = Math.log((double) width / height);
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (JsonNode allowed : param.allowed()) {
            String[] parts = allowed.asText().split(":");
            if (parts.length != 2) {
                continue;
            }
            double distance;
            try {
                distance = Math.abs(Math.log(Double.parseDouble(parts[0])
                        / Double.parseDouble(parts[1])) - target);
            } catch (NumberFormatException e) {
                continue;
            }
            if (distance < bestDistance) {
                best = allowed.asText();
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }
}
