package io.reelgraph.nodes.cut;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Timeline} as a single-file FCPXML 1.10 document for Final Cut Pro 10.6 and
 * later and DaVinci Resolve.
 *
 * <p>The first video track becomes the primary storyline (the spine). Clips of the other tracks
 * are connected clips: audio tracks in lanes -1, -2 and so on, further video tracks in lanes 1,
 * 2 and so on. Every offset, start and duration is a whole number of timeline frames. Media
 * paths are written as relative URLs, so the document must stay beside its media.
 */
public final class FcpxmlWriter {

    static final String VERSION = "1.10";
    static final String DRAFT_NOTE = "Draft cut: it uses placeholder media from the draft"
            + " provider. Generate the real media before delivery.";
    private static final int DEFAULT_WIDTH = 1920;
    private static final int DEFAULT_HEIGHT = 1080;

    private final Timeline timeline;
    private final FrameRate rate;
    private final RationalTime sequenceStart;
    private final Map<String, String> assetIds = new LinkedHashMap<>();
    private final List<SpineEntry> spine = new ArrayList<>();
    private final java.util.Optional<java.nio.file.Path> exportFolder;

    /** A primary storyline element with its record range and its own local start time. */
    private record SpineEntry(XmlElement element, long recordIn, long recordOut,
            RationalTime localStart) {
    }

    private FcpxmlWriter(Timeline timeline, java.util.Optional<java.nio.file.Path> exportFolder) {
        this.timeline = timeline;
        this.exportFolder = exportFolder;
        this.rate = timeline.rate();
        this.sequenceStart = rate.timeOf(timeline.startFrame());
    }

    /**
     * Returns the FCPXML document, UTF-8 text with a trailing newline, with media paths written
     * as relative URLs.
     */
    public static String write(Timeline timeline) {
        return new FcpxmlWriter(timeline, java.util.Optional.empty()).document();
    }

    /**
     * Returns the FCPXML document with each media path resolved against the folder the export
     * is written to and written as an absolute {@code file://} URL. Final Cut Pro relinks
     * media by absolute URL, so this is the form to hand to an editor.
     */
    public static String write(Timeline timeline, java.nio.file.Path exportFolder) {
        return new FcpxmlWriter(timeline,
                java.util.Optional.of(exportFolder.toAbsolutePath().normalize())).document();
    }

    private String mediaUrl(String relativePath) {
        if (exportFolder.isEmpty()) {
            return encodePath(relativePath);
        }
        String absolute = exportFolder.get().resolve(relativePath).normalize().toString()
                .replace(java.io.File.separatorChar, '/');
        return "file://" + (absolute.startsWith("/") ? "" : "/") + encodePath(absolute);
    }

    private String document() {
        XmlElement root = new XmlElement("fcpxml").attribute("version", VERSION);
        writeResources(root.child("resources"));

        String suffix = timeline.draft() ? " (draft)" : "";
        XmlElement sequence = root.child("library")
                .child("event").attribute("name", timeline.name() + suffix)
                .child("project").attribute("name", timeline.name() + suffix)
                .child("sequence")
                .attribute("format", "r1")
                .attribute("duration", time(timeline.duration()))
                .attribute("tcStart", sequenceStart.toFcpxml())
                .attribute("tcFormat", rate.dropFrame() ? "DF" : "NDF")
                .attribute("audioLayout", "stereo")
                .attribute("audioRate", "48k");
        if (timeline.draft()) {
            sequence.child("note").text(DRAFT_NOTE);
        }
        writeSpine(sequence.child("spine"));
        writeConnectedClips();
        writeMarkers();

        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n\n");
        root.render(out, 0);
        return out.toString();
    }

    /** Writes the sequence format, one format per other picture size, and one asset per file. */
    private void writeResources(XmlElement resources) {
        List<MediaRef> media = distinctMedia();
        MediaRef firstVideo = media.stream().filter(ref -> ref.kind() == MediaKind.VIDEO)
                .findFirst().orElse(null);
        int width = firstVideo == null ? DEFAULT_WIDTH : firstVideo.width();
        int height = firstVideo == null ? DEFAULT_HEIGHT : firstVideo.height();
        resources.child("format").attribute("id", "r1")
                .attribute("frameDuration", rate.frameDuration().toFcpxml())
                .attribute("width", width).attribute("height", height);

        Map<String, String> formatIds = new LinkedHashMap<>();
        formatIds.put(formatKey(MediaKind.VIDEO, width, height), "r1");
        int nextId = 2;
        for (MediaRef ref : media) {
            String key = formatKey(ref.kind(), ref.width(), ref.height());
            if (ref.hasVideo() && !formatIds.containsKey(key)) {
                String id = "r" + nextId++;
                formatIds.put(key, id);
                XmlElement format = resources.child("format").attribute("id", id);
                // Stills have no frame rate of their own, so their format has no frame duration.
                if (ref.kind() == MediaKind.VIDEO) {
                    format.attribute("frameDuration", rate.frameDuration().toFcpxml());
                }
                format.attribute("width", ref.width()).attribute("height", ref.height());
            }
        }
        for (MediaRef ref : media) {
            String id = "r" + nextId++;
            assetIds.put(ref.relativePath(), id);
            writeAsset(resources.child("asset"), id, ref,
                    formatIds.get(formatKey(ref.kind(), ref.width(), ref.height())));
        }
    }

    private void writeAsset(XmlElement asset, String id, MediaRef ref, String formatId) {
        // NOTE: clips are cut in whole frames, so the duration is rounded up to the frame grid.
        // It can exceed the file's real length by less than one frame.
        RationalTime duration = ref.sourceDuration()
                .map(length -> rate.timeOf(rate.framesCovering(length)))
                .orElse(RationalTime.ZERO);
        asset.attribute("id", id)
                .attribute("name", baseName(ref.fileName()))
                .attribute("start", "0s")
                .attribute("duration", duration.toFcpxml())
                .attribute("hasVideo", ref.hasVideo() ? "1" : "0")
                .attribute("hasAudio", ref.hasAudio() ? "1" : "0");
        if (ref.hasVideo()) {
            asset.attribute("format", formatId).attribute("videoSources", "1");
        }
        if (ref.hasAudio()) {
            asset.attribute("audioSources", "1")
                    .attribute("audioChannels", ref.audioChannels())
                    .attribute("audioRate", ref.audioSampleRate());
        }
        asset.child("media-rep").attribute("kind", "original-media")
                .attribute("src", mediaUrl(ref.relativePath()));
    }

    /**
     * Writes the primary storyline: the first video track, with a gap after it when another
     * track runs longer, so that every connected clip has an element to attach to.
     */
    private void writeSpine(XmlElement spineElement) {
        List<Placement> placements = timeline.primaryVideo().map(Track::placements)
                .orElse(List.of());
        long end = 0;
        for (Placement placement : placements) {
            addSpineItem(spineElement, placement.item(), placement.recordIn());
            end = placement.recordOut();
        }
        if (end < timeline.duration()) {
            addSpineItem(spineElement, new TrackItem.Gap(timeline.duration() - end), end);
        }
    }

    private void addSpineItem(XmlElement spineElement, TrackItem item, long recordIn) {
        RationalTime offset = sequenceStart.plus(rate.timeOf(recordIn));
        XmlElement element;
        RationalTime localStart;
        if (item instanceof TrackItem.Clip clip) {
            element = clipElement(spineElement, clip);
            localStart = rate.timeOf(clip.sourceIn());
        } else {
            // A gap has no media, so its local time simply runs with the sequence time.
            element = spineElement.child("gap").attribute("name", "Gap");
            localStart = offset;
        }
        element.attribute("offset", offset.toFcpxml())
                .attribute("start", localStart.toFcpxml())
                .attribute("duration", time(item.duration()));
        if (item instanceof TrackItem.Clip clip) {
            clip.note().ifPresent(note -> element.child("note").text(note));
        }
        spine.add(new SpineEntry(element, recordIn, recordIn + item.duration(), localStart));
    }

    /** Writes stills as {@code video} elements and other media as {@code asset-clip}. */
    private XmlElement clipElement(XmlElement parent, TrackItem.Clip clip) {
        String elementName = clip.media().kind() == MediaKind.IMAGE ? "video" : "asset-clip";
        return parent.child(elementName)
                .attribute("ref", assetIds.get(clip.media().relativePath()))
                .attribute("name", clip.name());
    }

    private void writeConnectedClips() {
        int videoLane = 0;
        int audioLane = 0;
        boolean primarySkipped = false;
        for (Track track : timeline.tracks()) {
            if (track.kind() == TrackKind.VIDEO && !primarySkipped) {
                primarySkipped = true;
                continue;
            }
            int lane = track.kind() == TrackKind.VIDEO ? ++videoLane : -(++audioLane);
            for (Placement placement : track.placements()) {
                if (placement.item() instanceof TrackItem.Clip clip) {
                    connect(clip, placement.recordIn(), lane);
                }
            }
        }
    }

    /** Attaches a clip to the spine element under its first frame, in that element's time. */
    private void connect(TrackItem.Clip clip, long recordIn, int lane) {
        SpineEntry parent = spineEntryAt(recordIn);
        RationalTime offset = parent.localStart().plus(rate.timeOf(recordIn - parent.recordIn()));
        XmlElement element = clipElement(parent.element(), clip)
                .attribute("lane", lane)
                .attribute("offset", offset.toFcpxml())
                .attribute("start", time(clip.sourceIn()))
                .attribute("duration", time(clip.duration()));
        clip.note().ifPresent(note -> element.child("note").text(note));
    }

    /**
     * Writes each timeline marker into the spine element under it, in that element's time.
     * A marker at the very end of the timeline goes on the last frame of the last element.
     */
    private void writeMarkers() {
        for (Marker marker : timeline.markers()) {
            if (spine.isEmpty()) {
                // NOTE: FCPXML allows markers only inside clips, so an empty timeline loses them.
                return;
            }
            long frame = Math.min(marker.frame(), timeline.duration() - 1);
            SpineEntry parent = spineEntryAt(frame);
            RationalTime start = parent.localStart().plus(rate.timeOf(frame - parent.recordIn()));
            parent.element().child("marker")
                    .attribute("start", start.toFcpxml())
                    .attribute("duration", rate.frameDuration().toFcpxml())
                    .attribute("value", marker.label());
        }
    }

    private SpineEntry spineEntryAt(long frame) {
        for (SpineEntry entry : spine) {
            if (frame >= entry.recordIn() && frame < entry.recordOut()) {
                return entry;
            }
        }
        throw new IllegalStateException("No spine element covers frame " + frame
                + " of timeline " + timeline.name());
    }

    private List<MediaRef> distinctMedia() {
        Map<String, MediaRef> media = new LinkedHashMap<>();
        for (Track track : timeline.tracks()) {
            for (TrackItem item : track.items()) {
                if (item instanceof TrackItem.Clip clip) {
                    media.putIfAbsent(clip.media().relativePath(), clip.media());
                }
            }
        }
        return new ArrayList<>(media.values());
    }

    private String time(long frames) {
        return rate.timeOf(frames).toFcpxml();
    }

    private static String formatKey(MediaKind kind, int width, int height) {
        return (kind == MediaKind.IMAGE ? "still " : "video ") + width + "x" + height;
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /**
     * Percent-encodes a relative path as a URL reference. Only RFC 3986 unreserved characters
     * and the {@code /} separator stay as they are, which also keeps a {@code :} in the first
     * segment from reading as a URL scheme.
     */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~'
                    || c == '/';
            if (keep) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
