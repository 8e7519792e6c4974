package io.reelgraph.engine.run;

import java.util.List;

/**
 * The value on one output port while a graph is evaluated.
 *
 * @param list whether the port carries a list; known before any value is
 * @param shapeKnown whether the item keys are known; false while the work items that make
 *     the list have not been determined
 */
record PortView(boolean list, boolean shapeKnown, List<Slot> slots) {

    PortView {
        slots = List.copyOf(slots);
    }

    static PortView unknown(boolean list) {
        return new PortView(list, false, List.of());
    }

    String signature() {
        if (!shapeKnown) {
            return "?";
        }
        StringBuilder text = new StringBuilder(list ? "[" : "(");
        for (Slot slot : slots) {
            text.append(slot.signature()).append(',');
        }
        return text.toString();
    }
}
