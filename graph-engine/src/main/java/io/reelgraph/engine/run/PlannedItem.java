package io.reelgraph.engine.run;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.type.Billing;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One work item as a plan or a run reports it.
 *
 * @param itemKey the item key, such as {@code scene-3}, or {@code value} for a node run once
 * @param key the cache key, absent while an input is still pending
 * @param billing present for paid items
 * @param projectedUsd the projected cost; zero for free items and for cache hits
 * @param reason a sentence the user can read: why the item runs, waits or is cached
 * @param error the first failure message, for failed and skipped items
 * @param actualUsd what the provider reported the call cost, for paid items that ran in this
 *     evaluation and whose provider reports money
 */
public record PlannedItem(NodeId node, String nodeType, String itemKey, int index,
        ItemState state, boolean paid, Optional<CacheKey> key, Optional<Billing> billing,
        BigDecimal projectedUsd, String reason, Optional<String> error,
        Optional<BigDecimal> actualUsd) {

    /** Returns whether the item's result comes from the free draft provider. */
    public boolean draft() {
        return billing.map(Billing::draft).orElse(false);
    }

    /** Returns the provider the item calls, or {@code "free"} for free items. */
    public String provider() {
        return billing.map(Billing::provider).orElse("free");
    }
}
