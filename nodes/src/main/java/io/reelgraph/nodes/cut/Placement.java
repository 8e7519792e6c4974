package io.reelgraph.nodes.cut;

/**
 * A track item with its record position.
 *
 * @param item the item
 * @param recordIn frames from the timeline start to the item's first frame
 */
public record Placement(TrackItem item, long recordIn) {

    /** Returns the frame after the item's last frame, counted from the timeline start. */
    public long recordOut() {
        return recordIn + item.duration();
    }
}
