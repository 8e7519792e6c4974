package io.reelgraph.nodes.draft;

import java.util.List;
import java.util.Objects;

/**
 * A request for one draft image.
 *
 * @param width           the width in pixels, 64 to 4096
 * @param height          the height in pixels, 64 to 4096
 * @param prompt          the prompt drawn on the image; may be empty
 * @param seed            the generation seed, which picks the background with the variation
 * @param variation       the variation index, zero or more
 * @param model           the id of the model that the draft replaces, such as {@code fal/flux-dev}
 * @param referenceLabels labels of the character and style references, drawn when present
 */
public record ImageRequest(int width, int height, String prompt, long seed, int variation,
        String model, List<String> referenceLabels) {

    public static final int MIN_SIDE = 64;
    public static final int MAX_SIDE = 4096;

    public ImageRequest {
        requireSide("width", width);
        requireSide("height", height);
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(model, "model");
        if (variation < 0) {
            throw new IllegalArgumentException(
                    "Draft image variation must be zero or more, got " + variation);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("Draft image model id is blank; pass the model "
                    + "id the draft stands in for, such as fal/flux-dev");
        }
        referenceLabels = List.copyOf(referenceLabels);
    }

    private static void requireSide(String name, int value) {
        if (value < MIN_SIDE || value > MAX_SIDE) {
            throw new IllegalArgumentException("Draft image " + name + " " + value
                    + " is out of range; use " + MIN_SIDE + " to " + MAX_SIDE + " pixels");
        }
    }
}
