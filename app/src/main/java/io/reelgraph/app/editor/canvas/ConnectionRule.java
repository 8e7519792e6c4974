package io.reelgraph.app.editor.canvas;

import io.reelgraph.engine.graph.PortRef;
import io.reelgraph.engine.type.PortType;
import java.util.Optional;

/** The port type check of a new connection, shared by the canvas and the editor. */
public final class ConnectionRule {

    private ConnectionRule() {
    }

    /**
     * Returns why an output of type {@code fromType} cannot feed an input of type
     * {@code toType}, or empty when it can.
     */
    public static Optional<String> rejection(PortRef from, PortType fromType, PortRef to,
            PortType toType) {
        if (fromType.canFeed(toType)) {
            return Optional.empty();
        }
        return Optional.of("Cannot connect " + from + " to " + to + ": a "
                + fromType.displayName() + " output cannot feed a " + toType.displayName()
                + " input. Connect it to an input of type " + fromType.displayName() + ".");
    }
}
