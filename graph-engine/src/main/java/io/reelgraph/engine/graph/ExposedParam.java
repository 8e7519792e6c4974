package io.reelgraph.engine.graph;

/**
 * A param of a member node that a subgraph shows under its own name. The value stays on the
 * member node, so editing an exposed param edits that node's param and nothing else.
 */
public record ExposedParam(NodeId node, String param) implements Comparable<ExposedParam> {

    public ExposedParam {
        if (param.isBlank()) {
            throw new IllegalArgumentException("Exposed param of node " + node + " has a blank"
                    + " param name");
        }
    }

    public static ExposedParam of(String node, String param) {
        return new ExposedParam(NodeId.of(node), param);
    }

    @Override
    public int compareTo(ExposedParam other) {
        int byNode = node.compareTo(other.node);
        return byNode != 0 ? byNode : param.compareTo(other.param);
    }

    @Override
    public String toString() {
        return node + "." + param;
    }
}
