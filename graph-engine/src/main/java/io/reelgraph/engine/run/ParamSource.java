package io.reelgraph.engine.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.type.NodeType;

/**
 * Resolves a node's params for evaluation: graph parameters substituted and defaults applied.
 * The result must depend only on the node, its type and the bound graph parameters.
 */
@FunctionalInterface
public interface ParamSource {

    ObjectNode resolve(Node node, NodeType type);
}
