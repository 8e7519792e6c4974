package io.reelgraph.engine.run;

import io.reelgraph.engine.graph.NodeId;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The items and cost totals of a session's last plan, kept per node so the next plan after an
 * edit replaces only the changed nodes' items and totals. The totals equal what
 * {@link Projection#of} computes over all items, including the scale of every amount.
 */
final class PlanBook {

    private List<PlannedItem>[] chunks = newChunks(0);
    private final Total total = new Total(true);
    private final Total saved = new Total(true);
    private final Map<String, Total> byProvider = new HashMap<>();
    private final Map<NodeId, BigDecimal> byNode = new HashMap<>();
    private int paidToRun;
    private int paidCached;
    private int drafts;

    /** Forgets every node and makes room for a graph of the given number of nodes. */
    void reset(int nodes) {
        chunks = newChunks(nodes);
        total.clear();
        saved.clear();
        byProvider.clear();
        byNode.clear();
        paidToRun = 0;
        paidCached = 0;
        drafts = 0;
    }

    /** Replaces the items of the node at a topological position. */
    void put(int position, NodeId node, List<PlannedItem> items) {
        count(chunks[position], -1);
        count(items, 1);
        chunks[position] = items;
        BigDecimal nodeTotal = null;
        for (PlannedItem item : items) {
            if (toRun(item)) {
                BigDecimal price = item.billing().orElseThrow().projectedUsd();
                nodeTotal = nodeTotal == null ? price : nodeTotal.add(price);
            }
        }
        if (nodeTotal == null) {
            byNode.remove(node);
        } else {
            byNode.put(node, nodeTotal);
        }
    }

    Plan plan() {
        Map<String, BigDecimal> providers = new TreeMap<>();
        byProvider.forEach((provider, sum) -> providers.put(provider, sum.value()));
        Projection projection = new Projection(total.value(), new TreeMap<>(byNode),
                new TreeMap<>(providers), saved.value(), paidToRun, paidCached);
        return new Plan(new PlanItems(chunks), projection, drafts > 0);
    }

    private void count(List<PlannedItem> items, int sign) {
        for (PlannedItem item : items) {
            if (item.draft()) {
                drafts += sign;
            }
            if (!item.paid() || item.billing().isEmpty()) {
                continue;
            }
            BigDecimal price = item.billing().get().projectedUsd();
            if (item.state() == ItemState.CACHED) {
                saved.change(price, sign);
                paidCached += sign;
            } else if (toRun(item)) {
                total.change(price, sign);
                byProvider.computeIfAbsent(item.provider(), provider -> new Total(false))
                        .change(price, sign);
                if (byProvider.get(item.provider()).isEmpty()) {
                    byProvider.remove(item.provider());
                }
                paidToRun += sign;
            }
        }
    }

    private static boolean toRun(PlannedItem item) {
        return item.paid() && item.billing().isPresent()
                && (item.state() == ItemState.WILL_RUN
                        || item.state() == ItemState.BLOCKED_ON_UPSTREAM);
    }

    @SuppressWarnings("unchecked")
    private static List<PlannedItem>[] newChunks(int nodes) {
        List<PlannedItem>[] fresh = new List[nodes];
        java.util.Arrays.fill(fresh, List.of());
        return fresh;
    }

    /**
     * A sum that can take amounts out again. A sum built from scratch has the largest scale of
     * its amounts. So the running value is brought back to the largest scale among the amounts
     * still in it. The digits this drops are zeros, because the value is their exact sum.
     */
    private static final class Total {
        private final boolean fromZero;
        private BigDecimal value = BigDecimal.ZERO;
        private final TreeMap<Integer, Integer> scales = new TreeMap<>();

        Total(boolean fromZero) {
            this.fromZero = fromZero;
        }

        void change(BigDecimal amount, int sign) {
            value = sign > 0 ? value.add(amount) : value.subtract(amount);
            scales.merge(amount.scale(), sign, Integer::sum);
            if (scales.get(amount.scale()) == 0) {
                scales.remove(amount.scale());
            }
        }

        boolean isEmpty() {
            return scales.isEmpty();
        }

        BigDecimal value() {
            if (scales.isEmpty()) {
                return BigDecimal.ZERO;
            }
            int scale = scales.lastKey();
            return value.setScale(fromZero ? Math.max(0, scale) : scale);
        }

        void clear() {
            value = BigDecimal.ZERO;
            scales.clear();
        }
    }
}
