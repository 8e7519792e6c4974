package io.reelgraph.engine.cache;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The key manifest last used for one work item of one node in one graph, so that a plan can say
 * why the item will run again: which param or input changed.
 */
public record HistoryEntry(String graphId, String nodeId, String itemKey, CacheKey key,
        JsonNode manifest) {
}
