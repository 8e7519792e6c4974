package io.reelgraph.engine.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.type.OutputFile;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A committed work item result: its output values and files, and what it cost.
 *
 * @param manifest the readable key inputs (params, input hashes, billing) that produced the key,
 *     kept so a later plan can say which of them changed
 */
public record CachedResult(CacheKey key, String nodeType, int typeVersion,
        Map<String, PortValue> outputs, List<OutputFile> files, Optional<String> provider,
        Optional<String> model, boolean draft, BigDecimal projectedUsd,
        Optional<BigDecimal> actualUsd, Optional<String> providerRequestId, Instant createdAt,
        JsonNode manifest) {

    public CachedResult {
        outputs = Map.copyOf(outputs);
        files = List.copyOf(files);
    }
}
