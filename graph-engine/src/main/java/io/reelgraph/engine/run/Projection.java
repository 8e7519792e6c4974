package io.reelgraph.engine.run;

import io.reelgraph.engine.graph.NodeId;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The projected cost of a plan: what the paid items that will run are expected to cost, by node
 * and by provider, and what the cache saves. Cache hits cost nothing. All amounts are US dollars
 * and estimates, because providers bill on their own terms.
 *
 * @param savedUsd what the cached paid items would have cost without the cache
 */
public record Projection(BigDecimal totalUsd, SortedMap<NodeId, BigDecimal> byNode,
        SortedMap<String, BigDecimal> byProvider, BigDecimal savedUsd, int paidToRun,
        int paidCached) {

    public Projection {
        byNode = Collections.unmodifiableSortedMap(new TreeMap<>(byNode));
        byProvider = Collections.unmodifiableSortedMap(new TreeMap<>(byProvider));
    }

    /** Computes the projection of planned items. */
    public static Projection of(List<PlannedItem> items) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal saved = BigDecimal.ZERO;
        SortedMap<NodeId, BigDecimal> byNode = new TreeMap<>();
        SortedMap<String, BigDecimal> byProvider = new TreeMap<>();
        int toRun = 0;
        int cached = 0;
        for (PlannedItem item : items) {
            if (!item.paid() || item.billing().isEmpty()) {
                continue;
            }
            BigDecimal price = item.billing().get().projectedUsd();
            if (item.state() == ItemState.CACHED) {
                saved = saved.add(price);
                cached++;
            } else if (item.state() == ItemState.WILL_RUN
                    || item.state() == ItemState.BLOCKED_ON_UPSTREAM) {
                total = total.add(price);
                byNode.merge(item.node(), price, BigDecimal::add);
                byProvider.merge(item.provider(), price, BigDecimal::add);
                toRun++;
            }
        }
        return new Projection(total, byNode, byProvider, saved, toRun, cached);
    }

    public BigDecimal forNode(NodeId node) {
        return byNode.getOrDefault(node, BigDecimal.ZERO);
    }

    /** Returns the providers with a projected cost, in name order. */
    public Map<String, BigDecimal> providers() {
        return byProvider;
    }
}
