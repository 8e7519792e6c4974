package io.reelgraph.engine.money;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.graph.NodeId;
import java.math.BigDecimal;

/** One paid call that the engine is about to send, or one paid cache hit. */
public record SpendRequest(NodeId node, String itemKey, CacheKey cacheKey, String provider,
        String model, BigDecimal projectedUsd) {

    public SpendRequest {
        if (projectedUsd.signum() < 0) {
            throw new IllegalArgumentException("Projected cost of node " + node + " item "
                    + itemKey + " is negative: " + projectedUsd.toPlainString());
        }
    }
}
