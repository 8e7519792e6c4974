package io.reelgraph.engine.run;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a run.
 *
 * @param items every work item with its final state
 * @param projection the projection the run started from
 * @param actualUsd what the executed paid items cost, as reported by providers where they report
 *     it and as projected where they do not
 * @param outputs the files written into the output folder, in path order
 * @param draft whether any result came from the draft provider
 * @param cancelled whether the run was cancelled
 */
public record RunResult(List<PlannedItem> items, Projection projection, BigDecimal actualUsd,
        List<Path> outputs, boolean draft, boolean cancelled) {

    public RunResult {
        items = List.copyOf(items);
        outputs = List.copyOf(outputs);
    }

    public int total() {
        return items.size();
    }

    public int executed() {
        return count(ItemState.EXECUTED);
    }

    public int cached() {
        return count(ItemState.CACHED);
    }

    /** Returns the number of failed items; skipped and cancelled items are counted apart. */
    public int failed() {
        return count(ItemState.FAILED);
    }

    public int skipped() {
        return count(ItemState.SKIPPED);
    }

    public int count(ItemState state) {
        return (int) items.stream().filter(item -> item.state() == state).count();
    }

    public List<PlannedItem> failures() {
        return items.stream().filter(item -> item.state() == ItemState.FAILED).toList();
    }

    public boolean succeeded() {
        return !cancelled && items.stream().allMatch(item -> item.state().hasResult());
    }
}
