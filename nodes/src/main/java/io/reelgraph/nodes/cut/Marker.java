package io.reelgraph.nodes.cut;

import java.util.Objects;

/**
 * A named point on the timeline.
 *
 * @param frame frames from the timeline start
 * @param label text shown in the NLE, such as the scene heading
 */
public record Marker(long frame, String label) {

    public Marker {
        Objects.requireNonNull(label, "label");
        if (frame < 0) {
            throw new IllegalArgumentException("Marker \"" + label + "\" at frame " + frame
                    + " must not be before the timeline start");
        }
    }
}
