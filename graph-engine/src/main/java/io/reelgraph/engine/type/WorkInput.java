package io.reelgraph.engine.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.graph.NodeId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one work item sees: its node, its item key, the resolved params (graph parameters
 * substituted and defaults applied), and its input values. A mapped input holds the single item
 * of this work item. While planning, an input that a paid work item has not produced yet is
 * absent and {@link #pending(String)} is true.
 */
public interface WorkInput {

    NodeId node();

    /** Returns the item key, such as {@code scene-3}, or {@code value} for a node run once. */
    String itemKey();

    /** Returns the 0-based index of the work item in its node. */
    int index();

    ObjectNode params();

    default String stringParam(String name) {
        JsonNode value = params().get(name);
        return value == null || value.isNull() ? "" : value.asText();
    }

    default long longParam(String name, long fallback) {
        JsonNode value = params().get(name);
        return value == null || !value.isNumber() ? fallback : value.longValue();
    }

    Optional<PortValue> input(String port);

    /** Returns the single artifact on a port, failing with a message naming the port. */
    default Artifact requireSingle(String port) throws NodeException {
        PortValue value = input(port).orElseThrow(() -> new NodeException(
                "Node " + node() + " has no value on input '" + port + "': connect it"));
        return value.list() ? value.items().get(0).artifact() : value.single();
    }

    boolean pending(String port);

    FileAccess files();

    /** Returns the folder that output files are written to. */
    Path outputDirectory();

    /** Loads an artifact kept in the blob store, for values that refer to media by hash. */
    Optional<Artifact> artifact(ContentHash hash, String mediaType);

    /** Returns the values of the graph parameters, for nodes that report them. */
    Map<String, JsonNode> bindings();

    /** Returns whether the run sends every model node to the free draft provider. */
    default boolean draftMode() {
        return false;
    }
}
