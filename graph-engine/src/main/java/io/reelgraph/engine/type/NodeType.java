package io.reelgraph.engine.type;

import io.reelgraph.engine.validate.Problem;
import java.util.List;
import java.util.Optional;

/**
 * A kind of node: its ports, its params and how one work item is computed. Implementations are
 * stateless and thread-safe; the engine calls them from several threads at once.
 */
public interface NodeType {

    /** Returns the type id written in graph files, such as {@code model.image}. */
    String id();

    /** Returns the type version; a change in behaviour that alters results bumps it. */
    int version();

    String displayName();

    String description();

    NodeCategory category();

    List<PortSpec> inputs();

    List<PortSpec> outputs();

    List<ParamSpec> params();

    /** Returns whether work items of this type call a provider and cost money. */
    default boolean paid() {
        return false;
    }

    default Optional<PortSpec> input(String name) {
        return inputs().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    default Optional<PortSpec> output(String name) {
        return outputs().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    default Optional<ParamSpec> param(String name) {
        return params().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Checks params beyond their specs, such as a model that the catalog must know. Called during
     * validation with the params resolved.
     */
    default List<Problem> validate(ValidationInput input) {
        return List.of();
    }

    /**
     * Computes what this work item adds to its cache key and, for paid work, its billing. Called
     * while planning, also when inputs are still pending; it must not call a provider.
     */
    default KeyMaterial prepare(WorkInput input) throws NodeException {
        return KeyMaterial.NONE;
    }

    /** Computes one work item. Paid types call their provider here. */
    WorkOutput execute(WorkInput input, WorkContext context) throws Exception;
}
