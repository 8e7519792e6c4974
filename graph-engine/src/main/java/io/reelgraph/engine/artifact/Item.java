package io.reelgraph.engine.artifact;

/**
 * One element of a value on a port. The item key names the work item it came from, such as
 * {@code scene-3} or {@code scene-3/line-2}; downstream work items keep it, so a cut can tell
 * which scene a generated shot belongs to.
 */
public record Item(String key, Artifact artifact) {

    public Item {
        if (key.isBlank()) {
            throw new IllegalArgumentException("Item key is blank for " + artifact);
        }
    }
}
