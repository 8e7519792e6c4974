package io.reelgraph.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.run.EvaluationContext;
import io.reelgraph.engine.run.ParamSource;
import io.reelgraph.engine.type.FileAccess;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.ParamSpec;
import java.nio.file.Path;
import java.util.Map;

/** Evaluation contexts for engine tests: declared params with defaults, and no file access. */
public final class TestContexts {

    private TestContexts() {
    }

    /** Resolves params the simple way: declared params as set, defaults for the rest. */
    public static final ParamSource DEFAULTS = (node, type) -> {
        ObjectNode resolved = node.params();
        resolved.retain(type.params().stream().map(ParamSpec::name).toList());
        for (ParamSpec spec : type.params()) {
            if (!resolved.has(spec.name()) && spec.defaultValue().isPresent()) {
                resolved.set(spec.name(), spec.defaultValue().get());
            }
        }
        return resolved;
    };

    public static final FileAccess NO_FILES = new FileAccess() {
        @Override
        public Path resolve(String reference) throws NodeException {
            throw new NodeException("Test graphs read no files, got " + reference);
        }

        @Override
        public byte[] read(String reference, long maxBytes) throws NodeException {
            throw new NodeException("Test graphs read no files, got " + reference);
        }
    };

    public static EvaluationContext context(Path output) {
        return new EvaluationContext("test-graph", DEFAULTS, NO_FILES, output, false,
                Map.<String, JsonNode>of());
    }

    public static EvaluationContext draftContext(Path output) {
        return new EvaluationContext("test-graph", DEFAULTS, NO_FILES, output, true,
                Map.<String, JsonNode>of());
    }
}
