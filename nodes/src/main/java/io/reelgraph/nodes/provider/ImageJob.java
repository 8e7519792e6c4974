package io.reelgraph.nodes.provider;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.nodes.catalog.ModelSpec;
import java.util.List;

/**
 * A request for one image.
 *
 * @param references character or style reference images, in input order
 */
public record ImageJob(ModelSpec model, String prompt, int width, int height, long seed,
        int variation, List<Artifact> references) {

    public ImageJob {
        references = List.copyOf(references);
    }
}
