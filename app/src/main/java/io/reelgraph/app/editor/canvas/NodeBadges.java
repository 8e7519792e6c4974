package io.reelgraph.app.editor.canvas;

import io.reelgraph.nodes.catalog.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the canvas shows under a node's header besides its ports: the projected cost of its
 * work items, how many are cached, how far a run has got, failures, drafts and an unknown type.
 *
 * @param projectedUsd the projected cost of the node's items that will run; empty for a free
 *     node or a node that has not been planned
 * @param items the node's work items in the last plan or run; zero when not planned
 * @param cached items whose result comes from the cache
 * @param finished items that finished during the current run, cached or executed
 * @param running whether a run is working on this node now
 * @param failed items that failed or were skipped after an upstream failure
 */
public record NodeBadges(Optional<BigDecimal> projectedUsd, int items, int cached, int finished,
        boolean running, int failed, boolean draft, boolean unknownType) {

    public static final NodeBadges NONE =
            new NodeBadges(Optional.empty(), 0, 0, 0, false, 0, false, false);

    public NodeBadges withRun(int finishedItems, boolean isRunning, int failedItems) {
        return new NodeBadges(projectedUsd, items, cached, finishedItems, isRunning, failedItems,
                draft, unknownType);
    }

    /** Returns the badge line as the canvas shows it, such as {@code $0.24 · 2/6 cached}. */
    public String text() {
        if (unknownType) {
            return "unknown node type: kept as is, cannot run";
        }
        if (items == 0) {
            return "not planned";
        }
        List<String> parts = new ArrayList<>();
        parts.add(projectedUsd.map(Money::format).orElse("free"));
        parts.add(cached + "/" + items + " cached");
        if (running) {
            parts.add("running " + finished + "/" + items);
        }
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (draft) {
            parts.add("DRAFT");
        }
        return String.join(" · ", parts);
    }
}
