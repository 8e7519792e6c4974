package io.reelgraph.engine.testing;

import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.ValidationInput;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.WorkOutput;
import io.reelgraph.engine.validate.Problem;
import java.util.List;
import java.util.function.Function;

/** A node type for engine tests: ports and params as given, and an optional own check. */
public record FakeNodeType(String id, int version, List<PortSpec> inputs, List<PortSpec> outputs,
        List<ParamSpec> params, Function<ValidationInput, List<Problem>> check)
        implements NodeType {

    public static FakeNodeType of(String id, List<PortSpec> inputs, List<PortSpec> outputs,
            List<ParamSpec> params) {
        return new FakeNodeType(id, 1, inputs, outputs, params, input -> List.of());
    }

    public FakeNodeType withCheck(Function<ValidationInput, List<Problem>> newCheck) {
        return new FakeNodeType(id, version, inputs, outputs, params, newCheck);
    }

    @Override
    public String displayName() {
        return id;
    }

    @Override
    public String description() {
        return "Test node type " + id;
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.UTILITY;
    }

    @Override
    public List<Problem> validate(ValidationInput input) {
        return check.apply(input);
    }

    @Override
    public WorkOutput execute(WorkInput input, WorkContext context) {
        throw new UnsupportedOperationException("Test node type " + id + " does not run");
    }
}
