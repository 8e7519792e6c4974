package io.reelgraph.engine.validate;

import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Graph order and loop finding. Every walk is iterative, so a chain of 200,000 nodes needs no
 * deep call stack.
 */
final class GraphCycles {

    private GraphCycles() {
    }

    /**
     * Orders nodes so each comes after its predecessors (Kahn's algorithm, taking the smallest
     * ready id first). Nodes on or behind a loop are missing from the result.
     */
    static List<NodeId> kahnOrder(Graph graph) {
        Map<NodeId, Integer> inDegree = new HashMap<>();
        PriorityQueue<NodeId> ready = new PriorityQueue<>();
        for (var node : graph.nodes()) {
            int degree = predecessors(graph, node.id()).size();
            inDegree.put(node.id(), degree);
            if (degree == 0) {
                ready.add(node.id());
            }
        }
        List<NodeId> order = new ArrayList<>(graph.nodeCount());
        while (!ready.isEmpty()) {
            NodeId next = ready.poll();
            order.add(next);
            for (NodeId successor : successors(graph, next)) {
                if (inDegree.merge(successor, -1, Integer::sum) == 0) {
                    ready.add(successor);
                }
            }
        }
        return order;
    }

    /**
     * Finds every loop: one entry per strongly connected component that has a loop, each the
     * shortest loop through the component's smallest id, in loop order and starting there.
     */
    static List<Loop> loops(Graph graph) {
        Set<NodeId> candidates = new TreeSet<>();
        graph.nodes().forEach(node -> candidates.add(node.id()));
        kahnOrder(graph).forEach(candidates::remove);

        List<Loop> loops = new ArrayList<>();
        for (Set<NodeId> component : components(graph, candidates)) {
            NodeId start = Collections.min(component);
            boolean selfLoop = successors(graph, start).contains(start);
            if (component.size() > 1 || selfLoop) {
                loops.add(new Loop(shortestLoop(graph, start, component), component));
            }
        }
        loops.sort((a, b) -> a.path().get(0).compareTo(b.path().get(0)));
        return loops;
    }

    /** A loop in order from its smallest id, and all nodes of its strongly connected component. */
    record Loop(List<NodeId> path, Set<NodeId> component) {
    }

    /** Kosaraju's algorithm over the given nodes only. */
    private static List<Set<NodeId>> components(Graph graph, Set<NodeId> nodes) {
        List<NodeId> finished = new ArrayList<>();
        Set<NodeId> visited = new HashSet<>();
        for (NodeId root : nodes) {
            if (!visited.add(root)) {
                continue;
            }
            Deque<Map.Entry<NodeId, List<NodeId>>> stack = new ArrayDeque<>();
            stack.push(Map.entry(root, new ArrayList<>(restricted(successors(graph, root), nodes))));
            while (!stack.isEmpty()) {
                var top = stack.peek();
                if (top.getValue().isEmpty()) {
                    finished.add(top.getKey());
                    stack.pop();
                    continue;
                }
                NodeId next = top.getValue().remove(0);
                if (visited.add(next)) {
                    stack.push(Map.entry(next,
                            new ArrayList<>(restricted(successors(graph, next), nodes))));
                }
            }
        }

        List<Set<NodeId>> components = new ArrayList<>();
        Set<NodeId> assigned = new HashSet<>();
        for (int i = finished.size() - 1; i >= 0; i--) {
            NodeId root = finished.get(i);
            if (!assigned.add(root)) {
                continue;
            }
            Set<NodeId> component = new TreeSet<>();
            Deque<NodeId> pending = new ArrayDeque<>(List.of(root));
            while (!pending.isEmpty()) {
                NodeId current = pending.pop();
                component.add(current);
                for (NodeId predecessor : restricted(predecessors(graph, current), nodes)) {
                    if (assigned.add(predecessor)) {
                        pending.push(predecessor);
                    }
                }
            }
            components.add(component);
        }
        return components;
    }

    /** Breadth-first search from start back to start inside the component. */
    private static List<NodeId> shortestLoop(Graph graph, NodeId start, Set<NodeId> component) {
        Map<NodeId, NodeId> parent = new HashMap<>();
        Deque<NodeId> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            NodeId current = queue.poll();
            for (NodeId next : restricted(successors(graph, current), component)) {
                if (next.equals(start)) {
                    List<NodeId> path = new ArrayList<>();
                    for (NodeId at = current; at != null; at = parent.get(at)) {
                        path.add(at);
                    }
                    Collections.reverse(path);
                    return path;
                }
                if (!parent.containsKey(next) && !next.equals(start)) {
                    parent.put(next, current);
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException(
                "Component " + component + " has no loop through " + start);
    }

    /** Returns the successors that exist in the graph, in id order. */
    static List<NodeId> successors(Graph graph, NodeId id) {
        return graph.successors(id).stream().filter(n -> graph.node(n).isPresent()).sorted()
                .toList();
    }

    static List<NodeId> predecessors(Graph graph, NodeId id) {
        return graph.predecessors(id).stream().filter(n -> graph.node(n).isPresent()).sorted()
                .toList();
    }

    private static List<NodeId> restricted(List<NodeId> ids, Set<NodeId> allowed) {
        return ids.stream().filter(allowed::contains).toList();
    }
}
