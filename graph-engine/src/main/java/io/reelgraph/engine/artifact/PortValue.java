package io.reelgraph.engine.artifact;

import java.util.List;

/**
 * The value on one output port: one item, or a list of items.
 */
public record PortValue(boolean list, List<Item> items) {

    public static final String SINGLE_KEY = "value";

    public PortValue {
        items = List.copyOf(items);
        if (!list && items.size() != 1) {
            throw new IllegalArgumentException("A single value needs exactly one item, got " + items.size());
        }
    }

    public static PortValue single(Artifact artifact) {
        return new PortValue(false, List.of(new Item(SINGLE_KEY, artifact)));
    }

    public static PortValue listOf(List<Item> items) {
        return new PortValue(true, items);
    }

    public Artifact single() {
        if (list) {
            throw new IllegalStateException("Port holds a list of " + items.size() + " items");
        }
        return items.get(0).artifact();
    }

    public boolean draft() {
        return items.stream().anyMatch(item -> item.artifact().draft());
    }
}
