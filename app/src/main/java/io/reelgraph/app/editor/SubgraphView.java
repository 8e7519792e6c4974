package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.app.editor.canvas.NodeBadges;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.PortRef;
import io.reelgraph.engine.graph.Subgraph;
import io.reelgraph.engine.type.DeclaredNodeType;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.WorkOutput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canvas view of a graph with subgraphs. At the top level each subgraph is drawn as
 * one node whose ports are the connections that cross its border, and its members and their
 * inner connections are hidden. Inside a subgraph only its members and their inner connections
 * are drawn. The canvas reports edits in the ids of the shown graph, and this view maps them back
 * to the member nodes and ports of the document's graph.
 *
 * <p>A border port has the name of the member port it stands for, qualified by the member
 * ({@code keyframe.image}) only where two members' ports of one side share a name.
 */
final class SubgraphView {

    /** The type id prefix of the node types that stand for subgraphs on the canvas. */
    static final String TYPE_PREFIX = "subgraph:";

    private final NodeTypeRegistry baseTypes;
    private Optional<NodeId> inside = Optional.empty();
    private Map<NodeId, PortLists> lastPorts = Map.of();
    private NodeTypeRegistry lastTypes;
    private Graph document = Graph.empty("");
    private Graph shown = Graph.empty("");
    /** Member port that each border port of a subgraph stands for. */
    private final Map<PortRef, PortRef> borderPorts = new HashMap<>();

    SubgraphView(NodeTypeRegistry baseTypes) {
        this.baseTypes = baseTypes;
        this.lastTypes = baseTypes;
    }

    /** Returns the subgraph whose inside is shown, or empty at the top level. */
    Optional<NodeId> inside() {
        return inside;
    }

    /** Shows the inside of a subgraph, or the top level when {@code subgraph} is empty. */
    void enter(Optional<NodeId> subgraph) {
        inside = subgraph;
    }

    /** Computes the shown graph of a document graph; call it after every document change. */
    Graph update(Graph graph) {
        document = graph;
        borderPorts.clear();
        if (inside.isPresent() && graph.subgraph(inside.get()).isEmpty()) {
            inside = Optional.empty();
        }
        if (inside.isPresent()) {
            shown = insideOf(graph, graph.subgraph(inside.get()).orElseThrow());
            return shown;
        }
        if (graph.subgraphs().isEmpty()) {
            lastPorts = Map.of();
            lastTypes = baseTypes;
            shown = graph;
            return shown;
        }
        shown = collapsed(graph);
        return shown;
    }

    Graph shown() {
        return shown;
    }

    /** Returns the node types the canvas needs: the base types plus one per subgraph. */
    NodeTypeRegistry types() {
        return lastTypes;
    }

    private static Graph insideOf(Graph graph, Subgraph subgraph) {
        List<Node> members = new ArrayList<>();
        subgraph.members().forEach(id -> members.add(graph.requireNode(id)));
        List<Connection> inner = graph.connections().stream()
                .filter(c -> subgraph.contains(c.from().node()) && subgraph.contains(c.to().node()))
                .toList();
        return Graph.of(graph.name(), graph.description(), graph.parameters(), members, inner,
                graph.extra());
    }

    private Graph collapsed(Graph graph) {
        Map<NodeId, Subgraph> owner = new HashMap<>();
        for (Subgraph subgraph : graph.subgraphs()) {
            subgraph.members().forEach(member -> owner.put(member, subgraph));
        }
        List<Node> nodes = new ArrayList<>();
        for (Node node : graph.nodes()) {
            if (!owner.containsKey(node.id())) {
                nodes.add(node);
            }
        }
        Map<NodeId, PortLists> ports = new TreeMap<>();
        for (Subgraph subgraph : graph.subgraphs()) {
            nodes.add(standIn(subgraph));
            ports.put(subgraph.id(), new PortLists(new TreeMap<>(), new TreeMap<>()));
        }

        // Connections between members of one subgraph are hidden inside it.
        List<Connection> crossing = graph.connections().stream()
                .filter(c -> owner.get(c.from().node()) == null
                        || owner.get(c.from().node()) != owner.get(c.to().node()))
                .toList();
        Map<PortRef, String> names = borderNames(crossing, owner);
        List<Connection> connections = new ArrayList<>();
        for (Connection connection : crossing) {
            Subgraph from = owner.get(connection.from().node());
            Subgraph to = owner.get(connection.to().node());
            PortRef source = from == null ? connection.from() : border(from,
                    connection.from(), names, ports.get(from.id()).outputs(), false);
            PortRef target = to == null ? connection.to() : border(to,
                    connection.to(), names, ports.get(to.id()).inputs(), true);
            connections.add(new Connection(source, target));
        }
        if (!ports.equals(lastPorts)) {
            lastPorts = ports;
            lastTypes = registryWith(ports);
        }
        return Graph.of(graph.name(), graph.description(), graph.parameters(), nodes,
                connections, graph.extra());
    }

    private static Node standIn(Subgraph subgraph) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode layout = subgraph.layout();
        layout.put("title", subgraph.name() + " (" + subgraph.members().size() + " nodes)");
        return new Node(subgraph.id(), TYPE_PREFIX + subgraph.id(), 1, json.objectNode(), layout,
                json.objectNode());
    }

    /**
     * Names the border ports: a member port keeps its own name, such as {@code image}, unless
     * another member port on the same side of the same subgraph has that name too; then both
     * are named {@code member.port}, such as {@code keyframe.image}.
     */
    private static Map<PortRef, String> borderNames(List<Connection> crossing,
            Map<NodeId, Subgraph> owner) {
        Map<String, Set<PortRef>> byShortName = new HashMap<>();
        for (Connection connection : crossing) {
            for (boolean input : new boolean[] {false, true}) {
                PortRef end = input ? connection.to() : connection.from();
                Subgraph subgraph = owner.get(end.node());
                if (subgraph != null) {
                    String side = input ? "in" : "out";
                    byShortName.computeIfAbsent(subgraph.id() + "/" + side + "/" + end.port(),
                            k -> new LinkedHashSet<>()).add(end);
                }
            }
        }
        Map<PortRef, String> names = new HashMap<>();
        for (Set<PortRef> ends : byShortName.values()) {
            for (PortRef end : ends) {
                names.put(end, ends.size() == 1 ? end.port() : end.node() + "." + end.port());
            }
        }
        return names;
    }

    private PortRef border(Subgraph subgraph, PortRef member, Map<PortRef, String> names,
            SortedMap<String, PortSpec> specs, boolean input) {
        String name = names.get(member);
        PortRef border = new PortRef(subgraph.id(), name);
        borderPorts.put(border, member);
        Optional<PortSpec> spec = document.node(member.node())
                .flatMap(node -> baseTypes.find(node.type()))
                .flatMap(type -> input ? type.input(member.port()) : type.output(member.port()));
        specs.put(name, spec.map(s -> new PortSpec(name, s.type(), s.cardinality(), true,
                        s.description()))
                .orElseGet(() -> PortSpec.one(name, PortType.ANY, "port of an unknown node type")));
        return border;
    }

    private NodeTypeRegistry registryWith(Map<NodeId, PortLists> ports) {
        List<NodeType> types = new ArrayList<>(baseTypes.types());
        ports.forEach((id, lists) -> types.add(new StandIn(id, lists)));
        return NodeTypeRegistry.of(types);
    }

    /** Maps a port of the shown graph to the port of the document's graph it stands for. */
    PortRef toDocument(PortRef shownPort) {
        return borderPorts.getOrDefault(shownPort, shownPort);
    }

    Connection toDocument(Connection shownConnection) {
        return new Connection(toDocument(shownConnection.from()),
                toDocument(shownConnection.to()));
    }

    /** Maps shown node ids to document node ids: a subgraph stands for all its members. */
    Set<NodeId> membersOf(Set<NodeId> shownNodes) {
        Set<NodeId> nodes = new LinkedHashSet<>();
        for (NodeId id : shownNodes) {
            Optional<Subgraph> subgraph = document.subgraph(id);
            if (subgraph.isPresent()) {
                nodes.addAll(subgraph.get().members());
            } else {
                nodes.add(id);
            }
        }
        return nodes;
    }

    /**
     * Adds a badge per shown subgraph: the sum of its members' projected cost, work items,
     * cached, finished and failed items.
     */
    Map<NodeId, NodeBadges> badges(Map<NodeId, NodeBadges> byNode) {
        if (inside.isPresent() || document.subgraphs().isEmpty()) {
            return byNode;
        }
        Map<NodeId, NodeBadges> badges = new HashMap<>(byNode);
        for (Subgraph subgraph : document.subgraphs()) {
            sum(subgraph, byNode).ifPresent(badge -> badges.put(subgraph.id(), badge));
        }
        return badges;
    }

    /**
     * Returns the run reasons to show: per node, and for each collapsed subgraph the reasons of
     * its members, each line led by the member's id.
     */
    Map<NodeId, String> reasons(Map<NodeId, String> byNode) {
        if (inside.isPresent() || document.subgraphs().isEmpty()) {
            return byNode;
        }
        Map<NodeId, String> reasons = new HashMap<>(byNode);
        for (Subgraph subgraph : document.subgraphs()) {
            StringBuilder text = new StringBuilder();
            for (NodeId member : subgraph.members()) {
                String reason = byNode.get(member);
                if (reason != null) {
                    text.append(text.length() == 0 ? "" : "\n").append(member).append(": ")
                            .append(reason.replace("\n", "\n  "));
                }
            }
            if (text.length() > 0) {
                reasons.put(subgraph.id(), text.toString());
            }
        }
        return reasons;
    }

    static Optional<NodeBadges> sum(Subgraph subgraph, Map<NodeId, NodeBadges> byNode) {
        Optional<BigDecimal> cost = Optional.empty();
        int items = 0;
        int cached = 0;
        int finished = 0;
        int failed = 0;
        boolean running = false;
        boolean draft = false;
        boolean any = false;
        for (NodeId member : subgraph.members()) {
            NodeBadges badge = byNode.get(member);
            if (badge == null) {
                continue;
            }
            any = true;
            if (badge.projectedUsd().isPresent()) {
                cost = Optional.of(cost.orElse(BigDecimal.ZERO).add(badge.projectedUsd().get()));
            }
            items += badge.items();
            cached += badge.cached();
            finished += badge.finished();
            failed += badge.failed();
            running |= badge.running();
            draft |= badge.draft();
        }
        return any ? Optional.of(new NodeBadges(cost, items, cached, finished, running, failed,
                draft, false)) : Optional.empty();
    }

    /** The border ports of one subgraph, by name. */
    private record PortLists(SortedMap<String, PortSpec> inputs,
            SortedMap<String, PortSpec> outputs) {
    }

    /**
     * The node type that draws a subgraph on the canvas. It only describes ports. The engine
     * never plans it, because it plans the document's graph, where the members are plain nodes.
     */
    private static final class StandIn extends DeclaredNodeType {

        StandIn(NodeId id, PortLists ports) {
            super(TYPE_PREFIX + id, 1, "Subgraph", "A group of nodes shown as one node",
                    NodeCategory.UTILITY, List.copyOf(ports.inputs().values()),
                    List.copyOf(ports.outputs().values()), List.of());
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) {
            throw new IllegalStateException("Type " + id() + " only draws a subgraph on the"
                    + " canvas and has no work items; plan the graph that holds its members");
        }
    }
}
