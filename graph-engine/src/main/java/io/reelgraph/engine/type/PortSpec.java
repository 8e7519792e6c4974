package io.reelgraph.engine.type;

/**
 * A named input or output of a node type.
 *
 * @param optional for inputs, whether the node runs without a connection to this port
 */
public record PortSpec(String name, PortType type, Cardinality cardinality, boolean optional,
        String description) {

    public static PortSpec one(String name, PortType type, String description) {
        return new PortSpec(name, type, Cardinality.ONE, false, description);
    }

    public static PortSpec list(String name, PortType type, String description) {
        return new PortSpec(name, type, Cardinality.LIST, false, description);
    }

    public PortSpec asOptional() {
        return new PortSpec(name, type, cardinality, true, description);
    }
}
