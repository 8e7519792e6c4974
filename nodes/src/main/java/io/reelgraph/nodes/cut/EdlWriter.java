package io.reelgraph.nodes.cut;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link Timeline} as a CMX 3600 edit decision list: ASCII text with CRLF line ends,
 * one cut event per clip, reel {@code AX} with the file named in comments, and record times
 * continuous from the timeline start. Gaps produce no event; the record times jump over them.
 *
 * <p>CMX 3600 has a single video channel, so a list contains one video track and up to four audio
 * tracks (channels A, A2, A3, A4). The source times count from 00:00:00:00 because the media
 * carries no timecode of its own.
 */
public final class EdlWriter {

    static final String LINE_END = "\r\n";
    static final int MAX_EVENTS = 999;
    static final int MAX_AUDIO_TRACKS = 4;
    static final int MAX_TITLE = 70;
    static final int MAX_LINE = 80;
    static final String DRAFT_COMMENT =
            "* COMMENT: DRAFT CUT, placeholder media from the draft provider";

    private EdlWriter() {
    }

    /** An event before numbering: the clip, its channel and its record position. */
    private record Event(String channel, int trackOrder, TrackItem.Clip clip, long recordIn) {
    }

    /** Writes the timeline's first video track, if any, and all of its audio tracks. */
    public static String write(Timeline timeline) {
        return write(timeline, timeline.primaryVideo());
    }

    /**
     * Writes one video track and all audio tracks of the timeline; call it once per video track
     * to export a multi-track picture edit.
     */
    public static String write(Timeline timeline, Track videoTrack) {
        if (!timeline.tracks().contains(videoTrack)) {
            throw new IllegalArgumentException("Track " + videoTrack.name()
                    + " is not part of timeline " + timeline.name());
        }
        if (videoTrack.kind() != TrackKind.VIDEO) {
            throw new IllegalArgumentException("Track " + videoTrack.name() + " is "
                    + videoTrack.kind() + "; pass a video track");
        }
        return write(timeline, Optional.of(videoTrack));
    }

    private static String write(Timeline timeline, Optional<Track> videoTrack) {
        List<Event> events = collectEvents(timeline, videoTrack);
        if (events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("Timeline " + timeline.name() + " has "
                    + events.size() + " events but a CMX 3600 list holds at most " + MAX_EVENTS
                    + "; split the timeline into reels");
        }

        List<String> lines = new ArrayList<>();
        String title = ascii(timeline.name() + (timeline.draft() ? " (draft)" : ""));
        lines.add("TITLE: " + truncate(title, MAX_TITLE));
        lines.add("FCM: " + (timeline.rate().dropFrame() ? "DROP FRAME" : "NON-DROP FRAME"));
        if (timeline.draft()) {
            lines.add(DRAFT_COMMENT);
        }
        for (int i = 0; i < events.size(); i++) {
            lines.add("");
            addEvent(lines, timeline, i + 1, events.get(i));
        }
        return String.join(LINE_END, lines) + LINE_END;
    }

    /** Returns the clips of the video track and the audio tracks, by record in, video first. */
    private static List<Event> collectEvents(Timeline timeline, Optional<Track> videoTrack) {
        List<Event> events = new ArrayList<>();
        videoTrack.ifPresent(track -> addClips(events, track, "V", 0));
        List<Track> audioTracks = timeline.tracks(TrackKind.AUDIO);
        if (audioTracks.size() > MAX_AUDIO_TRACKS) {
            throw new IllegalArgumentException("Timeline " + timeline.name() + " has "
                    + audioTracks.size() + " audio tracks but CMX 3600 has " + MAX_AUDIO_TRACKS
                    + " audio channels; mix them down to " + MAX_AUDIO_TRACKS + " tracks");
        }
        for (int i = 0; i < audioTracks.size(); i++) {
            addClips(events, audioTracks.get(i), i == 0 ? "A" : "A" + (i + 1), i + 1);
        }
        events.sort(Comparator.comparingLong(Event::recordIn).thenComparingInt(Event::trackOrder));
        return events;
    }

    private static void addClips(List<Event> events, Track track, String channel, int order) {
        for (Placement placement : track.placements()) {
            if (placement.item() instanceof TrackItem.Clip clip) {
                events.add(new Event(channel, order, clip, placement.recordIn()));
            }
        }
    }

    private static void addEvent(List<String> lines, Timeline timeline, int number, Event event) {
        FrameRate rate = timeline.rate();
        TrackItem.Clip clip = event.clip();
        long recordIn = timeline.startFrame() + event.recordIn();
        lines.add(String.format("%03d  %-8s %-5s %-4s %3s %s %s %s %s", number, "AX",
                event.channel(), "C", "",
                timecode(clip.sourceIn(), rate), timecode(clip.sourceOut(), rate),
                timecode(recordIn, rate), timecode(recordIn + clip.duration(), rate)));
        // NOTE: comment lines are cut at 80 columns for strict readers, so a very long name
        // or path arrives shortened and may not relink by itself.
        lines.add(truncate("* FROM CLIP NAME: " + ascii(clip.name()), MAX_LINE));
        lines.add(truncate("* SOURCE FILE: " + ascii(clip.media().relativePath()), MAX_LINE));
        clip.note().ifPresent(note ->
                lines.add(truncate("* COMMENT: " + ascii(note), MAX_LINE)));
    }

    private static String timecode(long frame, FrameRate rate) {
        return Timecode.ofFrame(frame, rate).format(rate);
    }

    /** Folds accents away and replaces other non-ASCII, tabs and line breaks with safe text. */
    static String ascii(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                out.append(' ');
            } else {
                out.append(c >= 0x20 && c < 0x7F ? c : '_');
            }
        }
        return out.toString();
    }

    private static String truncate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width);
    }
}
