package io.reelgraph.nodes.provider;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.nodes.catalog.ModelSpec;

/**
 * A request for one video made from a still image.
 *
 * @param seconds length of the clip in whole seconds
 * @param prompt how the picture should move; may be empty
 */
public record VideoJob(ModelSpec model, Artifact image, String prompt, int seconds, int width,
        int height, long seed, int variation) {
}
