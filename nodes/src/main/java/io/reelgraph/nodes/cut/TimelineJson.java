package io.reelgraph.nodes.cut;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** JSON form of {@link Timeline}; members are written in a fixed order. */
final class TimelineJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TimelineJson() {
    }

    static ObjectNode write(Timeline timeline) {
        ObjectNode json = NODES.objectNode();
        json.put("name", timeline.name());
        json.put("rate", timeline.rate().label());
        json.put("start", timeline.start().format(timeline.rate()));
        json.put("draft", timeline.draft());
        ArrayNode tracks = json.putArray("tracks");
        for (Track track : timeline.tracks()) {
            ObjectNode trackJson = tracks.addObject();
            trackJson.put("kind", track.kind().name());
            trackJson.put("name", track.name());
            ArrayNode items = trackJson.putArray("items");
            track.items().forEach(item -> items.add(writeItem(item)));
        }
        ArrayNode markers = json.putArray("markers");
        for (Marker marker : timeline.markers()) {
            markers.addObject().put("frame", marker.frame()).put("label", marker.label());
        }
        return json;
    }

    private static ObjectNode writeItem(TrackItem item) {
        ObjectNode json = NODES.objectNode();
        if (item instanceof TrackItem.Gap gap) {
            json.put("type", "gap");
            json.put("duration", gap.duration());
            return json;
        }
        TrackItem.Clip clip = (TrackItem.Clip) item;
        json.put("type", "clip");
        json.put("key", clip.itemKey());
        json.put("name", clip.name());
        json.put("sourceIn", clip.sourceIn());
        json.put("duration", clip.duration());
        clip.note().ifPresent(note -> json.put("note", note));
        json.set("media", writeMedia(clip.media()));
        return json;
    }

    private static ObjectNode writeMedia(MediaRef media) {
        ObjectNode json = NODES.objectNode();
        json.put("path", media.relativePath());
        json.put("kind", media.kind().name());
        media.sourceDuration().ifPresent(time -> json.put("duration", time.toFcpxml()));
        json.put("width", media.width());
        json.put("height", media.height());
        json.put("audioSampleRate", media.audioSampleRate());
        json.put("audioChannels", media.audioChannels());
        json.put("draft", media.draft());
        return json;
    }

    static Timeline read(JsonNode json) {
        FrameRate rate = FrameRate.parse(text(json, "/rate"));
        List<Track> tracks = new ArrayList<>();
        JsonNode tracksJson = array(json, "/tracks");
        for (int t = 0; t < tracksJson.size(); t++) {
            String path = "/tracks/" + t;
            List<TrackItem> items = new ArrayList<>();
            JsonNode itemsJson = array(json, path + "/items");
            for (int i = 0; i < itemsJson.size(); i++) {
                items.add(readItem(json, path + "/items/" + i));
            }
            tracks.add(new Track(enumValue(TrackKind.class, json, path + "/kind"),
                    text(json, path + "/name"), items));
        }
        List<Marker> markers = new ArrayList<>();
        JsonNode markersJson = array(json, "/markers");
        for (int m = 0; m < markersJson.size(); m++) {
            String path = "/markers/" + m;
            markers.add(guarded(path, () -> new Marker(number(json, path + "/frame"),
                    text(json, path + "/label"))));
        }
        return guarded("/", () -> new Timeline(text(json, "/name"), rate,
                Timecode.parse(text(json, "/start")), tracks, markers, bool(json, "/draft")));
    }

    private static TrackItem readItem(JsonNode root, String path) {
        String type = text(root, path + "/type");
        switch (type) {
            case "gap":
                return guarded(path, () -> new TrackItem.Gap(number(root, path + "/duration")));
            case "clip":
                MediaRef media = readMedia(root, path + "/media");
                JsonNode note = root.at(path + "/note");
                return guarded(path, () -> new TrackItem.Clip(text(root, path + "/name"), media,
                        number(root, path + "/sourceIn"), number(root, path + "/duration"),
                        note.isMissingNode() ? Optional.empty() : Optional.of(note.asText()),
                        text(root, path + "/key")));
            default:
                throw new TimelineFormatException("Timeline JSON " + path + "/type is \"" + type
                        + "\"; expected \"clip\" or \"gap\"");
        }
    }

    private static MediaRef readMedia(JsonNode root, String path) {
        JsonNode duration = root.at(path + "/duration");
        Optional<RationalTime> sourceDuration = duration.isMissingNode() || duration.isNull()
                ? Optional.empty()
                : Optional.of(RationalTime.parseFcpxml(text(root, path + "/duration")));
        return guarded(path, () -> new MediaRef(text(root, path + "/path"),
                enumValue(MediaKind.class, root, path + "/kind"), sourceDuration,
                (int) number(root, path + "/width"), (int) number(root, path + "/height"),
                (int) number(root, path + "/audioSampleRate"),
                (int) number(root, path + "/audioChannels"), bool(root, path + "/draft")));
    }

    private interface Construction<T> {
        T get();
    }

    /** Runs a constructor and names the JSON location in any value it rejects. */
    private static <T> T guarded(String path, Construction<T> construction) {
        try {
            return construction.get();
        } catch (TimelineFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new TimelineFormatException("Timeline JSON " + path + " is invalid: "
                    + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode root, String path) {
        JsonNode node = root.at(path);
        if (node.isMissingNode() || node.isNull()) {
            throw new TimelineFormatException("Timeline JSON is missing " + path);
        }
        return node;
    }

    private static String text(JsonNode root, String path) {
        JsonNode node = required(root, path);
        if (!node.isTextual()) {
            throw new TimelineFormatException("Timeline JSON " + path + " must be a string, got "
                    + node);
        }
        return node.textValue();
    }

    private static long number(JsonNode root, String path) {
        JsonNode node = required(root, path);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new TimelineFormatException("Timeline JSON " + path
                    + " must be a whole number, got " + node);
        }
        return node.longValue();
    }

    private static boolean bool(JsonNode root, String path) {
        JsonNode node = required(root, path);
        if (!node.isBoolean()) {
            throw new TimelineFormatException("Timeline JSON " + path
                    + " must be true or false, got " + node);
        }
        return node.booleanValue();
    }

    private static JsonNode array(JsonNode root, String path) {
        JsonNode node = required(root, path);
        if (!node.isArray()) {
            throw new TimelineFormatException("Timeline JSON " + path + " must be an array");
        }
        return node;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode root, String path) {
        String value = text(root, path);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new TimelineFormatException("Timeline JSON " + path + " is \"" + value
                    + "\"; expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
