package io.reelgraph.engine.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.type.NodeType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation knows about one node: its work items and the values on its output ports.
 * The version goes up whenever an output value changes, so successors know to re-evaluate.
 */
final class NodeState {

    final Node node;
    final NodeType type;
    final ObjectNode params;
    /** Whether a list reaches a one-value input, so the node runs once per item. */
    boolean mapped;
    Map<String, WorkItem> items = new LinkedHashMap<>();
    /** False while the work items cannot be determined because an input's items are unknown. */
    boolean shapeKnown;
    /** Set when the node must be evaluated again even though nothing upstream changed. */
    boolean forceEvaluation;
    String waitingFor = "";
    Map<String, PortView> outputs = new HashMap<>();
    String outputSignature = "";
    long version;
    /** The node's planned items as last reported; null once an item changed. */
    List<PlannedItem> snapshot;
    /** The versions of the predecessors when this node was last evaluated. */
    Map<NodeId, Long> seen = new HashMap<>();

    NodeState(Node node, NodeType type, ObjectNode params) {
        this.node = node;
        this.type = type;
        this.params = params;
    }
}
