package io.reelgraph.nodes.cut;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An edit: tracks of clips and gaps on one frame rate, plus markers. It is the one model every
 * exporter reads, so it contains only what NLE formats share and no exporter's own fields.
 *
 * @param name timeline name, used as the project or sequence name
 * @param rate frame rate of every frame count in the timeline
 * @param start timecode of the first frame, read in {@code rate}
 * @param tracks video and audio tracks, first video track first in the NLE
 * @param markers named points, in frames from the start
 * @param draft whether the timeline contains draft media; it must be true when any clip does
 */
public record Timeline(String name, FrameRate rate, Timecode start, List<Track> tracks,
        List<Marker> markers, boolean draft) {

    public Timeline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(start, "start");
        tracks = List.copyOf(tracks);
        markers = List.copyOf(markers);
        start.toFrame(rate);
        checkClips(name, rate, tracks, draft);
        long length = tracks.stream().mapToLong(Track::duration).max().orElse(0);
        for (Marker marker : markers) {
            if (marker.frame() > length) {
                throw new IllegalArgumentException("Marker \"" + marker.label() + "\" at frame "
                        + marker.frame() + " is past the end of timeline " + name + " (" + length
                        + " frames)");
            }
        }
    }

    /** Creates a timeline that starts at 01:00:00:00. */
    public Timeline(String name, FrameRate rate, List<Track> tracks, List<Marker> markers,
            boolean draft) {
        this(name, rate, Timecode.ONE_HOUR, tracks, markers, draft);
    }

    /** Reads a timeline written by {@link #toJson()}. */
    public static Timeline fromJson(JsonNode json) {
        return TimelineJson.read(json);
    }

    /** Writes the timeline as JSON with a fixed member order, so equal timelines diff clean. */
    public ObjectNode toJson() {
        return TimelineJson.write(this);
    }

    /** Returns the frame number of the first frame, counted from 00:00:00:00. */
    public long startFrame() {
        return start.toFrame(rate);
    }

    /** Returns the length in frames: the end of the longest track. */
    public long duration() {
        return tracks.stream().mapToLong(Track::duration).max().orElse(0);
    }

    public List<Track> tracks(TrackKind kind) {
        return tracks.stream().filter(track -> track.kind() == kind).toList();
    }

    /** Returns the first video track, if any. */
    public Optional<Track> primaryVideo() {
        return tracks(TrackKind.VIDEO).stream().findFirst();
    }

    private static void checkClips(String name, FrameRate rate, List<Track> tracks,
            boolean draft) {
        Map<String, MediaRef> mediaByPath = new HashMap<>();
        for (Track track : tracks) {
            for (TrackItem item : track.items()) {
                if (!(item instanceof TrackItem.Clip clip)) {
                    continue;
                }
                MediaRef media = clip.media();
                String where = "Clip " + clip.name() + " on track " + track.name();
                if ((track.kind() == TrackKind.AUDIO) != (media.kind() == MediaKind.AUDIO)) {
                    throw new IllegalArgumentException(where + " is " + media.kind()
                            + " media on a " + track.kind() + " track");
                }
                MediaRef known = mediaByPath.putIfAbsent(media.relativePath(), media);
                if (known != null && !known.equals(media)) {
                    throw new IllegalArgumentException(where + " describes "
                            + media.relativePath() + " differently from an earlier clip: "
                            + media + " versus " + known);
                }
                if (media.draft() && !draft) {
                    throw new IllegalArgumentException(where + " uses draft media "
                            + media.relativePath() + ", so timeline " + name
                            + " must be marked draft");
                }
                checkSourceRange(rate, clip, where);
            }
        }
    }

    private static void checkSourceRange(FrameRate rate, TrackItem.Clip clip, String where) {
        Optional<RationalTime> length = clip.media().sourceDuration();
        if (length.isEmpty()) {
            return;
        }
        // Durations are rounded to whole frames, so a clip may use the partial last frame.
        long available = rate.framesCovering(length.get());
        if (clip.sourceOut() > available) {
            throw new IllegalArgumentException(where + " uses source frames " + clip.sourceIn()
                    + "-" + clip.sourceOut() + " but " + clip.media().relativePath() + " has only "
                    + available + " frames at " + rate.label() + " fps");
        }
    }
}
