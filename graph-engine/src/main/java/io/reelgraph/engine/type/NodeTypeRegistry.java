package io.reelgraph.engine.type;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The node types a program knows, by type id. */
public final class NodeTypeRegistry {

    private final Map<String, NodeType> types;

    private NodeTypeRegistry(Map<String, NodeType> types) {
        this.types = Collections.unmodifiableMap(new TreeMap<>(types));
    }

    public static NodeTypeRegistry of(Collection<? extends NodeType> types) {
        Map<String, NodeType> byId = new TreeMap<>();
        for (NodeType type : types) {
            if (byId.put(type.id(), type) != null) {
                throw new IllegalArgumentException("Node type " + type.id() + " is registered twice");
            }
        }
        return new NodeTypeRegistry(byId);
    }

    public Optional<NodeType> find(String typeId) {
        return Optional.ofNullable(types.get(typeId));
    }

    /** Returns the types in id order. */
    public Collection<NodeType> types() {
        return types.values();
    }
}
