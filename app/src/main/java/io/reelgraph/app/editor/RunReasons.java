package io.reelgraph.app.editor;

import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text per node, for the canvas tooltip, on why the next run will or will not compute it. It
 * lists the plan's reason of each item that will run, such as the param or input that changed.
 * It also names what blocked or failed items wait for, or states that every item is cached.
 */
final class RunReasons {

    /** At most this many distinct reasons are listed per node; the rest are counted. */
    private static final int MAX_REASONS = 4;

    private RunReasons() {
    }

    static Map<NodeId, String> of(Plan plan) {
        Map<NodeId, String> texts = new HashMap<>();
        for (Map.Entry<NodeId, List<PlannedItem>> node : plan.byNode().entrySet()) {
            texts.put(node.getKey(), describe(node.getValue()));
        }
        return texts;
    }

    static String describe(List<PlannedItem> items) {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        int cached = 0;
        int toRun = 0;
        for (PlannedItem item : items) {
            if (item.state() == ItemState.CACHED || item.state() == ItemState.EXECUTED) {
                cached++;
                continue;
            }
            if (item.state() == ItemState.WILL_RUN
                    || item.state() == ItemState.BLOCKED_ON_UPSTREAM) {
                toRun++;
            }
            reasons.merge(label(item), 1, Integer::sum);
        }
        if (reasons.isEmpty()) {
            return "Will not run: " + (items.size() == 1 ? "its result is"
                    : "all " + items.size() + " results are") + " cached or free.";
        }
        List<String> lines = new ArrayList<>();
        lines.add(toRun == 0 ? "Will not run (" + cached + " of " + items.size() + " cached):"
                : "Will run " + toRun + " of " + items.size() + " items:");
        int listed = 0;
        for (Map.Entry<String, Integer> reason : reasons.entrySet()) {
            if (listed == MAX_REASONS) {
                lines.add((reasons.size() - MAX_REASONS) + " more reasons");
                break;
            }
            lines.add(reason.getKey() + (reason.getValue() > 1 ? " (" + reason.getValue()
                    + " items)" : ""));
            listed++;
        }
        return String.join("\n", lines);
    }

    private static String label(PlannedItem item) {
        return switch (item.state()) {
            case FAILED -> "failed: " + item.reason();
            case SKIPPED -> "skipped: " + item.reason();
            default -> item.reason();
        };
    }
}
