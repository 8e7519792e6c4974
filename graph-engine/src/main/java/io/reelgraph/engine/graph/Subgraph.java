package io.reelgraph.engine.graph;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A named set of member nodes that the editor shows as one node, like a Houdini subnet or a Nuke
 * Group. Grouping is layout only: the members stay nodes of the graph, with their params and
 * connections, so the engine plans the same flat graph and every cache key stays the same. The
 * ports of a subgraph are the connections that cross its border.
 *
 * <p>The id shares the namespace of node ids, because the subgraph is drawn as a node. Nesting a
 * subgraph in another is not supported: members are nodes, never subgraphs.
 *
 * @param exposed params of members shown on the subgraph, by the name the subgraph gives them
 * @param layout position, size, color and note of the subgraph's own box
 */
public record Subgraph(NodeId id, String name, SortedSet<NodeId> members,
        SortedMap<String, ExposedParam> exposed, ObjectNode layout) {

    public Subgraph {
        members = Collections.unmodifiableSortedSet(new TreeSet<>(members));
        exposed = Collections.unmodifiableSortedMap(new TreeMap<>(exposed));
        layout = layout.deepCopy();
        if (members.isEmpty()) {
            throw new IllegalArgumentException("Subgraph " + id + " has no members; a subgraph"
                    + " groups at least one node");
        }
        for (Map.Entry<String, ExposedParam> entry : exposed.entrySet()) {
            if (entry.getKey().isBlank()) {
                throw new IllegalArgumentException("Subgraph " + id + " exposes "
                        + entry.getValue() + " under a blank name");
            }
            if (!members.contains(entry.getValue().node())) {
                throw new IllegalArgumentException("Subgraph " + id + " exposes param \""
                        + entry.getKey() + "\" of node " + entry.getValue().node()
                        + ", which is not one of its members " + members);
            }
        }
    }

    /** Creates a subgraph with no exposed params and an empty layout. */
    public static Subgraph of(String id, String name, Collection<NodeId> members) {
        return new Subgraph(NodeId.of(id), name, new TreeSet<>(members), new TreeMap<>(),
                JsonNodeFactory.instance.objectNode());
    }

    /** Returns a copy of the layout. */
    @Override
    public ObjectNode layout() {
        return layout.deepCopy();
    }

    public boolean contains(NodeId node) {
        return members.contains(node);
    }

    public Optional<ExposedParam> exposedParam(String exposedName) {
        return Optional.ofNullable(exposed.get(exposedName));
    }

    /** Returns the name under which a member's param is exposed, if it is. */
    public Optional<String> exposedNameOf(ExposedParam param) {
        return exposed.entrySet().stream().filter(entry -> entry.getValue().equals(param))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Returns a copy that exposes {@code param} under {@code exposedName}. */
    public Subgraph withExposed(String exposedName, ExposedParam param) {
        SortedMap<String, ExposedParam> changed = new TreeMap<>(exposed);
        changed.put(exposedName, param);
        return new Subgraph(id, name, members, changed, layout);
    }

    public Subgraph withoutExposed(String exposedName) {
        SortedMap<String, ExposedParam> changed = new TreeMap<>(exposed);
        changed.remove(exposedName);
        return new Subgraph(id, name, members, changed, layout);
    }

    public Subgraph withName(String newName) {
        return new Subgraph(id, newName, members, exposed, layout);
    }

    public Subgraph withLayout(ObjectNode newLayout) {
        return new Subgraph(id, name, members, exposed, newLayout);
    }

    /**
     * Returns a copy without a member and the params it exposed, or empty when the member was
     * the last one.
     */
    public Optional<Subgraph> withoutMember(NodeId node) {
        if (!members.contains(node)) {
            return Optional.of(this);
        }
        SortedSet<NodeId> kept = new TreeSet<>(members);
        kept.remove(node);
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        SortedMap<String, ExposedParam> keptExposed = new TreeMap<>(exposed);
        keptExposed.values().removeIf(param -> param.node().equals(node));
        return Optional.of(new Subgraph(id, name, kept, keptExposed, layout));
    }

    @Override
    public String toString() {
        return "Subgraph[" + id + ", " + members.size() + " members]";
    }
}
