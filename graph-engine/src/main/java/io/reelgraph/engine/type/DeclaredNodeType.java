package io.reelgraph.engine.type;

import java.util.List;

/**
 * The declared part of a node type, kept in fields: id, version, names, category, ports and
 * params. Subclasses add how work items are prepared and computed.
 */
public abstract class DeclaredNodeType implements NodeType {

    private final String id;
    private final int version;
    private final String displayName;
    private final String description;
    private final NodeCategory category;
    private final List<PortSpec> inputs;
    private final List<PortSpec> outputs;
    private final List<ParamSpec> params;

    protected DeclaredNodeType(String id, int version, String displayName, String description,
            NodeCategory category, List<PortSpec> inputs, List<PortSpec> outputs,
            List<ParamSpec> params) {
        this.id = id;
        this.version = version;
        this.displayName = displayName;
        this.description = description;
        this.category = category;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.params = List.copyOf(params);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public NodeCategory category() {
        return category;
    }

    @Override
    public List<PortSpec> inputs() {
        return inputs;
    }

    @Override
    public List<PortSpec> outputs() {
        return outputs;
    }

    @Override
    public List<ParamSpec> params() {
        return params;
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
