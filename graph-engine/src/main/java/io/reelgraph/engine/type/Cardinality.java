package io.reelgraph.engine.type;

/**
 * Whether a port carries one value or a list of items. A list that reaches an input declared
 * {@link #ONE} makes the node run once per item: each item is one work item.
 */
public enum Cardinality {
    ONE, LIST
}
