package io.reelgraph.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.cache.ResultCache;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.type.FileAccess;
import io.reelgraph.engine.type.WorkInput;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@link WorkInput} the engine hands to a node type for one work item. */
final class ItemInput implements WorkInput {

    private final NodeId node;
    private final String itemKey;
    private final int index;
    private final ObjectNode params;
    private final Map<String, PortValue> inputs;
    private final Set<String> pendingPorts;
    private final EvaluationContext context;
    private final ResultCache cache;

    ItemInput(NodeId node, String itemKey, int index, ObjectNode params,
            Map<String, PortValue> inputs, Set<String> pendingPorts, EvaluationContext context,
            ResultCache cache) {
        this.node = node;
        this.itemKey = itemKey;
        this.index = index;
        this.params = params;
        this.inputs = inputs;
        this.pendingPorts = pendingPorts;
        this.context = context;
        this.cache = cache;
    }

    @Override
    public NodeId node() {
        return node;
    }

    @Override
    public String itemKey() {
        return itemKey;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }

    @Override
    public String stringParam(String name) {
        JsonNode value = params.get(name);
        return value == null || value.isNull() ? "" : value.asText();
    }

    @Override
    public long longParam(String name, long fallback) {
        JsonNode value = params.get(name);
        return value == null || !value.isNumber() ? fallback : value.longValue();
    }

    @Override
    public Optional<PortValue> input(String port) {
        return Optional.ofNullable(inputs.get(port));
    }

    @Override
    public boolean pending(String port) {
        return pendingPorts.contains(port);
    }

    @Override
    public FileAccess files() {
        return context.files();
    }

    @Override
    public Path outputDirectory() {
        return context.outputDirectory();
    }

    @Override
    public Optional<Artifact> artifact(ContentHash hash, String mediaType) {
        return cache.artifact(hash, mediaType);
    }

    @Override
    public Map<String, JsonNode> bindings() {
        return context.bindings();
    }

    @Override
    public boolean draftMode() {
        return context.draft();
    }
}
