package io.reelgraph.engine.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.type.Billing;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.SortedMap;

/** One work item while a graph is evaluated. Owned by the coordinating thread only. */
final class WorkItem {

    final NodeId node;
    final String nodeType;
    final String itemKey;
    final int index;
    final boolean paid;
    final String inputSignature;
    final SortedMap<String, PortValue> inputs;
    final boolean inputsDraft;

    ItemState state;
    Optional<CacheKey> key = Optional.empty();
    Optional<ObjectNode> manifest = Optional.empty();
    Optional<Billing> billing = Optional.empty();
    String reason = "";
    Optional<String> error = Optional.empty();
    Optional<CachedResult> result = Optional.empty();
    /** True while a paid item is queued or in flight in a run. */
    boolean dispatched;
    /** Set by the pool thread once a paid result is being committed; guarded by the item. */
    boolean committing;
    /** True when this evaluation computed the result, false when it came from the cache. */
    boolean computedHere;

    WorkItem(NodeId node, String nodeType, String itemKey, int index, boolean paid,
            String inputSignature, SortedMap<String, PortValue> inputs, boolean inputsDraft) {
        this.node = node;
        this.nodeType = nodeType;
        this.itemKey = itemKey;
        this.index = index;
        this.paid = paid;
        this.inputSignature = inputSignature;
        this.inputs = inputs;
        this.inputsDraft = inputsDraft;
    }

    /** Returns whether the item needs nothing more in this evaluation. */
    boolean settled() {
        return state.hasResult() || state == ItemState.FAILED || state == ItemState.CANCELLED
                || dispatched;
    }

    String provider() {
        return billing.map(Billing::provider).orElse("free");
    }

    PlannedItem snapshot() {
        BigDecimal projected = BigDecimal.ZERO;
        if (paid && billing.isPresent() && state != ItemState.CACHED) {
            projected = billing.get().projectedUsd();
        }
        Optional<BigDecimal> actual = paid && computedHere && state == ItemState.EXECUTED
                ? result.flatMap(CachedResult::actualUsd) : Optional.empty();
        return new PlannedItem(node, nodeType, itemKey, index, state, paid, key, billing,
                projected, reason, error, actual);
    }
}
