package io.reelgraph.engine.run;

import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Topological order of a graph's nodes; ties are broken by node id, so the order is stable. */
final class Topology {

    private Topology() {
    }

    /**
     * Returns the nodes in topological order.
     *
     * @throws IllegalArgumentException if the graph has a cycle; validation reports cycles
     *     with their nodes before evaluation starts
     */
    static List<NodeId> order(Graph graph) {
        Map<NodeId, Integer> remaining = new HashMap<>();
        PriorityQueue<NodeId> ready = new PriorityQueue<>();
        for (Node node : graph.nodes()) {
            int inDegree = graph.inDegree(node.id());
            remaining.put(node.id(), inDegree);
            if (inDegree == 0) {
                ready.add(node.id());
            }
        }
        List<NodeId> order = new ArrayList<>(graph.nodeCount());
        while (!ready.isEmpty()) {
            NodeId next = ready.poll();
            order.add(next);
            for (NodeId successor : graph.successors(next)) {
                if (remaining.merge(successor, -1, Integer::sum) == 0) {
                    ready.add(successor);
                }
            }
        }
        if (order.size() != graph.nodeCount()) {
            throw new IllegalArgumentException("Graph \"" + graph.name()
                    + "\" has a cycle; validate it to see which nodes form it");
        }
        return order;
    }
}
