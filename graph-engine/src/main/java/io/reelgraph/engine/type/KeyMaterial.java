package io.reelgraph.engine.type;

import java.util.List;
import java.util.Optional;

/**
 * What a node type adds to a work item's cache key beyond params and inputs, and its billing.
 *
 * @param extras values that affect the output but are not params or inputs, such as the content
 *     hash of a file the node reads; never a key, a key alias, a project or a user
 * @param billing present for paid work
 */
public record KeyMaterial(List<String> extras, Optional<Billing> billing) {

    public static final KeyMaterial NONE = new KeyMaterial(List.of(), Optional.empty());

    public KeyMaterial {
        extras = List.copyOf(extras);
    }

    public static KeyMaterial extras(String... values) {
        return new KeyMaterial(List.of(values), Optional.empty());
    }

    public static KeyMaterial paid(Billing billing) {
        return new KeyMaterial(List.of(), Optional.of(billing));
    }
}
