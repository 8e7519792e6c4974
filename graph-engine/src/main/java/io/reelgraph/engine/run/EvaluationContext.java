package io.reelgraph.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.type.FileAccess;
import java.nio.file.Path;
import java.util.Map;

/**
 * What an evaluation of one graph needs besides the graph itself.
 *
 * @param graphId a stable id of the graph file, used only to remember which cache key each work
 *     item had last time so that a plan can say what changed; never part of a cache key
 * @param outputDirectory the folder that a run writes output files into
 * @param draft when true, every model node runs on the free draft provider
 * @param bindings the bound graph parameter values, for nodes that report them
 */
public record EvaluationContext(String graphId, ParamSource params, FileAccess files,
        Path outputDirectory, boolean draft, Map<String, JsonNode> bindings) {

    public EvaluationContext {
        bindings = Map.copyOf(bindings);
    }
}
