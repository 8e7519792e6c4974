package io.reelgraph.nodes.types;

import io.reelgraph.engine.type.DeclaredNodeType;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.PortSpec;
import java.util.List;

/** The standard node types' common superclass, which keeps their declarations in fields. */
abstract class BaseNodeType extends DeclaredNodeType {

    BaseNodeType(String id, int version, String displayName, String description,
            NodeCategory category, List<PortSpec> inputs, List<PortSpec> outputs,
            List<ParamSpec> params) {
        super(id, version, displayName, description, category, inputs, outputs, params);
    }
}
