package io.reelgraph.nodes.provider.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.nodes.catalog.ModelParam;
import java.util.Map;
import java.util.Optional;

/** Input field names that differ between Replicate models, and the aspect ratio choice. */
final class ReplicateInputs {

    // NOTE: these field names come from the models' input schemas on replicate.com as
    // remembered, not re-read. A model missing here gets "image". If that model names the field
    // otherwise, Replicate rejects the request with a 422 that names the field.
    private static final Map<String, String> REFERENCE_FIELDS = Map.of(
            "black-forest-labs/flux-dev", "image",
            "black-forest-labs/flux-pro", "image_prompt",
            "black-forest-labs/flux-1.1-pro", "image_prompt",
            "black-forest-labs/flux-1.1-pro-ultra", "image_prompt",
            "black-forest-labs/flux-kontext-pro", "input_image",
            "black-forest-labs/flux-kontext-max", "input_image");

    private static final Map<String, String> FIRST_FRAME_FIELDS = Map.of(
            "minimax/video-01", "first_frame_image");

    private ReplicateInputs() {
    }

    /** Returns the input field that takes a reference image for an image model. */
    static String referenceField(String apiModel) {
        return REFERENCE_FIELDS.getOrDefault(apiModel, "image");
    }

    /** Returns the input field that takes the start frame of a video model. */
    static String firstFrameField(String apiModel) {
        return FIRST_FRAME_FIELDS.getOrDefault(apiModel, "start_image");
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
            Optional<Double> ratio = ratio(allowed.asText());
            if (ratio.isEmpty()) {
                continue;
            }
            double distance = Math.abs(Math.log(ratio.get()) - target);
            if (distance < bestDistance) {
                best = allowed.asText();
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<Double> ratio(String text) {
        String[] parts = text.split(":");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            double width = Double.parseDouble(parts[0]);
            double height = Double.parseDouble(parts[1]);
            return width > 0 && height > 0 ? Optional.of(width / height) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
