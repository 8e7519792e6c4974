package io.reelgraph.engine.graph;

import java.util.Comparator;

/** A directed connection from an output port of one node to an input port of another. */
public record Connection(PortRef from, PortRef to) implements Comparable<Connection> {

    private static final Comparator<Connection> ORDER =
            Comparator.comparing(Connection::to).thenComparing(Connection::from);

    public static Connection of(String fromNode, String fromPort, String toNode, String toPort) {
        return new Connection(PortRef.of(fromNode, fromPort), PortRef.of(toNode, toPort));
    }

    @Override
    public int compareTo(Connection other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
