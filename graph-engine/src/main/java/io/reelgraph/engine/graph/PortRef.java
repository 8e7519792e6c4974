package io.reelgraph.engine.graph;

/** One end of a connection: a node and the name of one of its ports. */
public record PortRef(NodeId node, String port) implements Comparable<PortRef> {

    public PortRef {
        if (port.isBlank()) {
            throw new IllegalArgumentException("Port name of node " + node + " is blank");
        }
    }

    public static PortRef of(String node, String port) {
        return new PortRef(NodeId.of(node), port);
    }

    @Override
    public int compareTo(PortRef other) {
        int byNode = node.compareTo(other.node);
        return byNode != 0 ? byNode : port.compareTo(other.port);
    }

    @Override
    public String toString() {
        return node + "." + port;
    }
}
