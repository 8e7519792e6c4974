package io.reelgraph.app.editor;

import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.type.Billing;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One work item of the selected node at one variation, with its stored outputs, as the
 * variation strip shows it.
 *
 * @param variation the node's {@code variation} param for this item, empty for nodes without one
 * @param price     the projected price of the call whether or not it is cached, for paid items
 * @param outputs   the stored outputs, empty when the item has no result yet
 */
record PreviewItem(String itemKey, OptionalInt variation, ItemState state,
        Optional<BigDecimal> price, Optional<BigDecimal> actualUsd, boolean draft,
        List<ItemOutput> outputs) {

    PreviewItem {
        outputs = List.copyOf(outputs);
    }

    static PreviewItem of(PlannedItem item, OptionalInt variation, List<ItemOutput> outputs) {
        return new PreviewItem(item.itemKey(), variation, item.state(),
                item.billing().map(Billing::projectedUsd), item.actualUsd(), item.draft(),
                outputs);
    }
}
