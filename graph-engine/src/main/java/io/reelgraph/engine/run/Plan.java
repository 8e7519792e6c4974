package io.reelgraph.engine.run;

import io.reelgraph.engine.graph.NodeId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of planning: every free item that could run has run, every paid item has its
 * cache key and a state, and the projection says what a run would cost. Planning calls no
 * provider and costs nothing.
 *
 * @param items every work item, in topological node order then item order
 * @param draft whether any result in the plan comes from the draft provider
 */
public record Plan(List<PlannedItem> items, Projection projection, boolean draft) {

    public Plan {
        // The items of an incremental plan are already immutable and share chunks on purpose.
        items = items instanceof PlanItems ? items : List.copyOf(items);
    }

    static Plan of(List<PlannedItem> items) {
        boolean draft = items.stream().anyMatch(PlannedItem::draft);
        return new Plan(items, Projection.of(items), draft);
    }

    /** Returns the items grouped by node, nodes in plan order. */
    public Map<NodeId, List<PlannedItem>> byNode() {
        Map<NodeId, List<PlannedItem>> grouped = new LinkedHashMap<>();
        for (PlannedItem item : items) {
            grouped.computeIfAbsent(item.node(), id -> new java.util.ArrayList<>()).add(item);
        }
        return grouped;
    }

    public long count(ItemState state) {
        return items.stream().filter(item -> item.state() == state).count();
    }

    /** Returns the items that failed while planning, such as a screenplay that cannot be read. */
    public List<PlannedItem> failures() {
        return items.stream().filter(item -> item.state() == ItemState.FAILED).toList();
    }
}
