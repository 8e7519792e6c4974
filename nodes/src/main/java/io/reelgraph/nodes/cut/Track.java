package io.reelgraph.nodes.cut;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A row of items played one after another, starting at the timeline start. */
public record Track(TrackKind kind, String name, List<TrackItem> items) {

    public Track {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        items = List.copyOf(items);
    }

    /** Returns the items with their record positions, in track order. */
    public List<Placement> placements() {
        List<Placement> placements = new ArrayList<>(items.size());
        long position = 0;
        for (TrackItem item : items) {
            placements.add(new Placement(item, position));
            position += item.duration();
        }
        return placements;
    }

    /** Returns the track length in frames, gaps included. */
    public long duration() {
        return items.stream().mapToLong(TrackItem::duration).sum();
    }
}
