package io.reelgraph.engine.run;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.cache.ResultCache;
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
 * The state a session keeps between evaluations of one graph: the state of every node, recently
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
    /**
     * Nodes whose items were computed, failed, skipped or cancelled since the last generation
     * started; only these change when the next one starts.
     */
    final Set<NodeState> unsettled = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());
    private long versions;
    private static final NodeId[] NO_NODES = new NodeId[0];

    /**
     * Nodes that the next evaluation must visit even if nothing upstream changed: an item is
     * still open, the work items are not known yet, or a retry is due.
     */
    final Set<NodeId> open = new java.util.HashSet<>();
    /** The graph of the last plan and that plan, while nothing outside planning changed them. */
    Graph plannedGraph;
    /** The nodes whose planned items changed since the last plan was written in the book. */
    final Set<NodeId> stale = new java.util.HashSet<>();
    final PlanBook book = new PlanBook();
    Plan lastPlan;

    private Graph.Shape shape;
    private List<NodeId> order = List.of();
    private Map<NodeId, NodeId[]> predecessors = Map.of();
    private Map<NodeId, NodeId[]> successors = Map.of();
    private Map<NodeId, Integer> positions = Map.of();

    long nextVersion() {
        return ++versions;
    }

    /** Returns the topological order, computed again only when the graph's shape changed. */
    List<NodeId> order(Graph graph) {
        refreshShape(graph);
        return order;
    }

    /** Returns the distinct successors of a node in the current shape. */
    NodeId[] successors(NodeId node) {
        return successors.getOrDefault(node, NO_NODES);
    }

    /** Returns the place of a node in the topological order of the current shape. */
    int position(NodeId node) {
        Integer position = positions.get(node);
        if (position == null) {
            throw new IllegalArgumentException("Node " + node + " is not in the planned graph");
        }
        return position;
    }

    /** Returns the distinct predecessors of a node in the current shape. */
    NodeId[] predecessors(NodeId node) {
        return predecessors.getOrDefault(node, NO_NODES);
    }

    private void refreshShape(Graph graph) {
        if (graph.shape() == shape) {
            return;
        }
        order = List.copyOf(GraphValidator.topologicalOrder(graph));
        Map<NodeId, NodeId[]> byNode = new HashMap<>(graph.nodeCount() * 2);
        Map<NodeId, NodeId[]> downstream = new HashMap<>(graph.nodeCount() * 2);
        Map<NodeId, Integer> places = new HashMap<>(graph.nodeCount() * 2);
        for (NodeId id : order) {
            places.put(id, places.size());
            List<NodeId> upstream = graph.predecessors(id);
            if (!upstream.isEmpty()) {
                byNode.put(id, upstream.toArray(NO_NODES));
            }
            List<NodeId> next = graph.successors(id);
            if (!next.isEmpty()) {
                downstream.put(id, next.toArray(NO_NODES));
            }
        }
        predecessors = byNode;
        successors = downstream;
        positions = places;
        shape = graph.shape();
    }

    /** Forgets nodes that the graph no longer has. */
    void retainOnly(Graph graph) {
        if (states.size() > graph.nodeCount()) {
            states.keySet().removeIf(id -> graph.node(id).isEmpty());
            open.removeIf(id -> graph.node(id).isEmpty());
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

    /** Returns true the first time this session meets a cache key among its cached items. */
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
        for (NodeState state : unsettled) {
            boolean retry = state.items.values().removeIf(item -> item.state == ItemState.FAILED
                    || item.state == ItemState.SKIPPED || item.state == ItemState.CANCELLED);
            state.forceEvaluation |= retry;
            if (retry) {
                open.add(state.node.id());
            }
            for (WorkItem item : state.items.values()) {
                if (item.state == ItemState.EXECUTED) {
                    item.state = ItemState.CACHED;
                    item.reason = "cached";
                    item.computedHere = false;
                }
            }
            state.snapshot = null;
            stale.add(state.node.id());
        }
        unsettled.clear();
    }
}
