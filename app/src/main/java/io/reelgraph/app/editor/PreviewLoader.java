package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.reelgraph.engine.artifact.Item;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.cache.ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the work items of one node for the preview: at its current variation and at every
 * earlier one, whose results stay in the cache after a re-roll. Earlier variations are found by
 * planning the graph with the node's {@code variation} param set back, which costs nothing.
 */
final class PreviewLoader {

    /** The number of variations shown per node, counting back from the current one. */
    static final int MAX_VARIATIONS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(PreviewLoader.class);

    private final Function<Graph, Plan> planner;
    private final ResultCache cache;

    PreviewLoader(Function<Graph, Plan> planner, ResultCache cache) {
        this.planner = planner;
        this.cache = cache;
    }

    /** Returns the node's items, earlier variations first, then by item key. */
    List<PreviewItem> load(Graph graph, NodeId node) {
        Optional<Node> selected = graph.node(node);
        if (selected.isEmpty()) {
            return List.of();
        }
        OptionalInt current = variation(selected.get());
        if (current.isEmpty()) {
            return items(planner.apply(graph), node, OptionalInt.empty());
        }
        List<PreviewItem> items = new ArrayList<>();
        int first = Math.max(0, current.getAsInt() - MAX_VARIATIONS + 1);
        for (int variation = first; variation <= current.getAsInt(); variation++) {
            Graph variant = variation == current.getAsInt() ? graph
                    : graph.withParam(node, "variation", IntNode.valueOf(variation));
            boolean newest = variation == current.getAsInt();
            // An earlier variation shows only what was generated; the current one shows all.
            for (PreviewItem item : items(planner.apply(variant), node,
                    OptionalInt.of(variation))) {
                if (newest || !item.outputs().isEmpty()) {
                    items.add(item);
                }
            }
        }
        items.sort(Comparator.comparing(PreviewItem::itemKey)
                .thenComparingInt(item -> item.variation().orElse(0)));
        return items;
    }

    static OptionalInt variation(Node node) {
        Optional<JsonNode> value = node.param("variation");
        return value.isPresent() && value.get().canConvertToInt()
                ? OptionalInt.of(value.get().intValue())
                : OptionalInt.empty();
    }

    private List<PreviewItem> items(Plan plan, NodeId node, OptionalInt variation) {
        List<PreviewItem> items = new ArrayList<>();
        for (PlannedItem item : plan.byNode().getOrDefault(node, List.of())) {
            items.add(PreviewItem.of(item, variation, outputs(item)));
        }
        return items;
    }

    private List<ItemOutput> outputs(PlannedItem item) {
        if (item.key().isEmpty() || !item.state().hasResult()) {
            return List.of();
        }
        Optional<CachedResult> stored;
        try {
            stored = cache.lookup(item.key().get());
        } catch (RuntimeException e) {
            LOG.error("Failed to load the result of node {} item {}", item.node(), item.itemKey(),
                    e);
            return List.of();
        }
        List<ItemOutput> outputs = new ArrayList<>();
        Map<String, PortValue> ports = new TreeMap<>(
                stored.map(CachedResult::outputs).orElse(Map.of()));
        for (Map.Entry<String, PortValue> port : ports.entrySet()) {
            for (Item value : port.getValue().items()) {
                outputs.add(ItemOutput.of(item.itemKey(), port.getKey(), value.artifact()));
            }
        }
        return outputs;
    }
}
