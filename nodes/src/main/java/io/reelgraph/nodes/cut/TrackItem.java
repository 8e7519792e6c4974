package io.reelgraph.nodes.cut;

import java.util.Objects;
import java.util.Optional;

/**
 * One item of a track. Items follow each other without overlap, so an item's record position is
 * the sum of the durations before it. All lengths are frames of the timeline rate.
 */
public sealed interface TrackItem {

    /** Length on the track in frames. */
    long duration();

    /**
     * A range of a media file placed on a track.
     *
     * @param name clip name shown in the NLE
     * @param media the file the clip cuts from
     * @param sourceIn first frame used, counted from the start of the file
     * @param duration number of frames used
     * @param note free text for the editor, such as the scene heading
     * @param itemKey key that stays the same when the cut is assembled again, so exporters can
     *     derive stable ids from it
     */
    record Clip(String name, MediaRef media, long sourceIn, long duration, Optional<String> note,
            String itemKey) implements TrackItem {

        public Clip {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(note, "note");
            Objects.requireNonNull(itemKey, "itemKey");
            if (sourceIn < 0) {
                throw new IllegalArgumentException("Source in " + sourceIn + " of clip " + name
                        + " must not be negative");
            }
            if (duration <= 0) {
                throw new IllegalArgumentException("Duration " + duration + " of clip " + name
                        + " must be at least one frame");
            }
            if (itemKey.isBlank()) {
                throw new IllegalArgumentException("Clip " + name + " needs an item key");
            }
        }

        /** Returns the frame after the last frame used. */
        public long sourceOut() {
            return sourceIn + duration;
        }

        /** Returns a copy of this clip with a different duration. */
        public Clip withDuration(long frames) {
            return new Clip(name, media, sourceIn, frames, note, itemKey);
        }
    }

    /** Empty space on a track. */
    record Gap(long duration) implements TrackItem {

        public Gap {
            if (duration <= 0) {
                throw new IllegalArgumentException("Gap duration " + duration
                        + " must be at least one frame");
            }
        }
    }
}
