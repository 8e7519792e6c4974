package io.reelgraph.engine.run;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.cache.ResultCache;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.validate.GraphValidator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a session keeps between evaluations of one graph: the state of every node, recently
 * used results by cache key, and the topological order of the last graph shape.
 */
final class SessionState {

    private static final int MAX_REMEMBERED = 50_000;

    final Map<NodeId, NodeState> states = new HashMap<>();
    private final Map<CacheKey, CachedResult> remembered = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, CachedResult> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private final Set<CacheKey> sighted = new java.util.HashSet<>();
    private long versions;
    private List<Connection> orderedConnections = List.of();
    private Set<NodeId> orderedNodes = Set.of();
    private List<NodeId> order = List.of();

    long nextVersion() {
        return ++versions;
    }

    /** Returns the topological order, computed again only when the graph's shape changed. */
    List<NodeId> order(Graph graph) {
        Set<NodeId> nodes = nodeIds(graph);
        if (!graph.connections().equals(orderedConnections) || !nodes.equals(orderedNodes)) {
            order = List.copyOf(GraphValidator.topologicalOrder(graph));
            orderedConnections = graph.connections();
            orderedNodes = nodes;
        }
        return order;
    }

    private static Set<NodeId> nodeIds(Graph graph) {
        Set<NodeId> ids = new java.util.HashSet<>(graph.nodeCount() * 2);
        graph.nodes().forEach(node -> ids.add(node.id()));
        return ids;
    }

    /** Forgets nodes that the graph no longer has. */
    void retainOnly(Graph graph) {
        if (states.size() > graph.nodeCount()) {
            states.keySet().removeIf(id -> graph.node(id).isEmpty());
        }
    }

    Optional<CachedResult> lookup(ResultCache cache, CacheKey key) {
        CachedResult result = remembered.get(key);
        if (result != null) {
            return Optional.of(result);
        }
        Optional<CachedResult> stored = cache.lookup(key);
        stored.ifPresent(this::remember);
        return stored;
    }

    /** Returns true the first time this session sees a cache key among its cached items. */
    boolean firstSighting(CacheKey key) {
        return sighted.add(key);
    }

    void remember(CachedResult result) {
        remembered.put(result.key(), result);
    }

    /**
     * Starts a new evaluation: results computed in an earlier one now count as cached, and
     * items that failed, were skipped or were cancelled are tried again.
     */
    void startGeneration() {
        for (NodeState state : states.values()) {
            boolean retry = state.items.values().removeIf(item -> item.state == ItemState.FAILED
                    || item.state == ItemState.SKIPPED || item.state == ItemState.CANCELLED);
            state.forceEvaluation |= retry;
            for (WorkItem item : state.items.values()) {
                if (item.state == ItemState.EXECUTED) {
                    item.state = ItemState.CACHED;
                    item.reason = "cached";
                    item.computedHere = false;
                }
            }
        }
    }
}
