package io.reelgraph.engine.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A graph: nodes, connections, graph parameters and metadata. Immutable; each {@code with}
 * method returns a changed copy. Nodes are kept in id order and connections in target order,
 * which is also the order in which a graph file lists them.
 */
public final class Graph {

    private static final int MAX_LINEAGE = 256;

    private final String name;
    private final String description;
    private final List<GraphParameter> parameters;
    private final SortedMap<NodeId, Node> nodes;
    /** The same nodes by hash, for constant-time lookups during evaluation. */
    private final Map<NodeId, Node> byId;
    private final List<Connection> connections;
    private final ObjectNode extra;
    private final Map<NodeId, List<Connection>> incoming;
    private final Map<NodeId, List<Connection>> outgoing;
    private final Shape shape;
    /**
     * The version this graph was made from by replacing one node, or null. Held weakly, so a
     * long chain of edits never keeps old versions in memory.
     */
    private final WeakReference<Graph> editedFrom;
    private final NodeId editedNode;

    /**
     * An identity token of a graph's node ids and connections. Edits that keep both, such as a
     * changed param or a moved node, keep the token, so an evaluator can reuse what it derived
     * from the structure by comparing tokens with {@code ==}.
     */
    public static final class Shape {
        private Shape() {
        }
    }

    private Graph(String name, String description, List<GraphParameter> parameters,
            SortedMap<NodeId, Node> nodes, List<Connection> connections, ObjectNode extra) {
        this.name = name;
        this.description = description;
        this.parameters = List.copyOf(parameters);
        this.nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        this.byId = new java.util.HashMap<>(this.nodes);
        List<Connection> sorted = new ArrayList<>(new TreeSet<>(connections));
        this.connections = List.copyOf(sorted);
        this.extra = extra.deepCopy();
        this.incoming = index(sorted, true);
        this.outgoing = index(sorted, false);
        this.shape = new Shape();
        this.editedFrom = null;
        this.editedNode = null;
    }

    /** Copies a graph with other metadata or node contents but the same ids and connections. */
    private Graph(Graph base, String name, String description, List<GraphParameter> parameters,
            SortedMap<NodeId, Node> nodes) {
        this(base, name, description, parameters, nodes, null);
    }

    private Graph(Graph base, String name, String description, List<GraphParameter> parameters,
            SortedMap<NodeId, Node> nodes, NodeId replaced) {
        this.name = name;
        this.description = description;
        this.parameters = List.copyOf(parameters);
        this.nodes = Collections.unmodifiableSortedMap(nodes);
        this.byId = new java.util.HashMap<>(nodes);
        this.connections = base.connections;
        this.extra = base.extra;
        this.incoming = base.incoming;
        this.outgoing = base.outgoing;
        this.shape = base.shape;
        this.editedFrom = replaced == null ? null : new WeakReference<>(base);
        this.editedNode = replaced;
    }

    public static Graph empty(String name) {
        return new Graph(name, "", List.of(), new TreeMap<>(), List.of(),
                JsonNodeFactory.instance.objectNode());
    }

    public static Graph of(String name, String description, List<GraphParameter> parameters,
            Collection<Node> nodes, List<Connection> connections, ObjectNode extra) {
        SortedMap<NodeId, Node> sorted = new TreeMap<>();
        for (Node node : nodes) {
            if (sorted.put(node.id(), node) != null) {
                throw new IllegalArgumentException("Duplicate node id " + node.id());
            }
        }
        return new Graph(name, description, parameters, sorted, connections, extra);
    }

    private static Map<NodeId, List<Connection>> index(List<Connection> connections, boolean byTarget) {
        Map<NodeId, List<Connection>> index = new LinkedHashMap<>();
        for (Connection connection : connections) {
            NodeId key = byTarget ? connection.to().node() : connection.from().node();
            index.computeIfAbsent(key, k -> new ArrayList<>()).add(connection);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        return index;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<GraphParameter> parameters() {
        return parameters;
    }

    public Optional<GraphParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /** Returns the nodes in id order. */
    public Collection<Node> nodes() {
        return nodes.values();
    }

    public Optional<Node> node(NodeId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Node requireNode(NodeId id) {
        Node node = byId.get(id);
        if (node == null) {
            throw new IllegalArgumentException("Graph \"" + name + "\" has no node " + id);
        }
        return node;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public List<Connection> connections() {
        return connections;
    }

    /** Returns the identity token of the node ids and connections; see {@link Shape}. */
    public Shape shape() {
        return shape;
    }

    /** Returns the top-level members this version does not know, kept for writing back. */
    public ObjectNode extra() {
        return extra.deepCopy();
    }

    /** Returns the connections that end at the node, in port order. */
    public List<Connection> incoming(NodeId id) {
        return incoming.getOrDefault(id, List.of());
    }

    /** Returns the connections that start at the node. */
    public List<Connection> outgoing(NodeId id) {
        return outgoing.getOrDefault(id, List.of());
    }

    /**
     * Returns the ids of the nodes replaced since an earlier version, when this graph was made
     * from that version by {@link #withNode} calls that replaced existing nodes, and every
     * version in between is still in memory. Empty when that is not known: then the caller
     * must compare every node. Metadata, parameter and connection edits break the lineage.
     */
    public Optional<Set<NodeId>> replacedSince(Graph earlier) {
        Set<NodeId> replaced = new HashSet<>();
        Graph current = this;
        for (int step = 0; step <= MAX_LINEAGE; step++) {
            if (current == earlier) {
                return Optional.of(replaced);
            }
            Graph parent = current.editedFrom == null ? null : current.editedFrom.get();
            if (parent == null) {
                return Optional.empty();
            }
            replaced.add(current.editedNode);
            current = parent;
        }
        return Optional.empty();
    }

    public List<NodeId> successors(NodeId id) {
        return outgoing(id).stream().map(c -> c.to().node()).distinct().toList();
    }

    public List<NodeId> predecessors(NodeId id) {
        return incoming(id).stream().map(c -> c.from().node()).distinct().toList();
    }

    public int inDegree(NodeId id) {
        return predecessors(id).size();
    }

    public Graph withNode(Node node) {
        SortedMap<NodeId, Node> changed = new TreeMap<>(nodes);
        boolean existed = changed.put(node.id(), node) != null;
        if (existed) {
            return new Graph(this, name, description, parameters, changed, node.id());
        }
        return new Graph(name, description, parameters, changed, connections, extra);
    }

    /** Removes the node and every connection that touches it. */
    public Graph withoutNode(NodeId id) {
        SortedMap<NodeId, Node> changed = new TreeMap<>(nodes);
        changed.remove(id);
        List<Connection> kept = connections.stream()
                .filter(c -> !c.from().node().equals(id) && !c.to().node().equals(id))
                .toList();
        return new Graph(name, description, parameters, changed, kept, extra);
    }

    public Graph withParam(NodeId id, String paramName, JsonNode value) {
        return withNode(requireNode(id).withParam(paramName, value));
    }

    public Graph withLayout(NodeId id, ObjectNode layout) {
        return withNode(requireNode(id).withLayout(layout));
    }

    public Graph withConnection(Connection connection) {
        List<Connection> changed = new ArrayList<>(connections);
        changed.add(connection);
        return new Graph(name, description, parameters, nodes, changed, extra);
    }

    public Graph withoutConnection(Connection connection) {
        List<Connection> changed = new ArrayList<>(connections);
        changed.remove(connection);
        return new Graph(name, description, parameters, nodes, changed, extra);
    }

    public Graph withParameters(List<GraphParameter> newParameters) {
        return new Graph(this, name, description, newParameters, nodes);
    }

    public Graph withName(String newName) {
        return new Graph(this, newName, description, parameters, nodes);
    }

    public Graph withDescription(String newDescription) {
        return new Graph(this, name, newDescription, parameters, nodes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Graph graph
                && name.equals(graph.name)
                && description.equals(graph.description)
                && parameters.equals(graph.parameters)
                && nodes.equals(graph.nodes)
                && connections.equals(graph.connections)
                && extra.equals(graph.extra);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode() * 31 + connections.hashCode();
    }

    @Override
    public String toString() {
        return "Graph[" + name + ", " + nodes.size() + " nodes, " + connections.size() + " connections]";
    }
}
