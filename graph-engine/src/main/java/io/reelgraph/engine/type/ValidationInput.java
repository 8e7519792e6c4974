package io.reelgraph.engine.type;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.graph.NodeId;

/** What a node type's own validation sees: the node id, its resolved params and file access. */
public record ValidationInput(NodeId node, ObjectNode params, FileAccess files) {
}
