package io.reelgraph.nodes.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.Item;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.type.KeyMaterial;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.OutputFile;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.ParamSpec.ParamKind;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.WorkOutput;
import io.reelgraph.nodes.cut.EdlWriter;
import io.reelgraph.nodes.cut.FcpxmlWriter;
import io.reelgraph.nodes.cut.FrameRate;
import io.reelgraph.nodes.cut.MediaRef;
import io.reelgraph.nodes.cut.RationalTime;
import io.reelgraph.nodes.cut.SceneCut;
import io.reelgraph.nodes.cut.Timeline;
import io.reelgraph.nodes.cut.TimelineAssembler;
import io.reelgraph.nodes.media.MalformedMediaException;
import io.reelgraph.nodes.media.MediaDuration;
import io.reelgraph.nodes.media.MediaInfo;
import io.reelgraph.nodes.media.MediaProbe;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cut.timeline}: assembles each scene's shots (clips, or stills where a scene has no
 * clip) and its dialogue audio into a rough cut on one frame rate, and writes it as FCPXML 1.10
 * for Final Cut Pro and as a CMX 3600 EDL, with the media copied beside the exports.
 */
public final class CutTimelineNode extends BaseNodeType {

    public static final String ID = "cut.timeline";

    private static final Map<String, String> EXTENSIONS = Map.of("video/mp4", "mp4",
            "video/quicktime", "mov", "video/webm", "webm", "image/png", "png",
            "image/jpeg", "jpg", "image/webp", "webp", "audio/wav", "wav", "audio/mpeg", "mp3");

    CutTimelineNode() {
        super(ID, 3, "Rough cut",
                "Assembles scenes, shots and dialogue into a timeline and exports FCPXML and EDL.",
                NodeCategory.CUT,
                List.of(PortSpec.list("scenes", PortType.SCENE, "the scenes, in order"),
                        PortSpec.list("shots", PortType.VIDEO, "clips keyed by scene").asOptional(),
                        PortSpec.list("stills", PortType.IMAGE,
                                "stills keyed by scene, used where a scene has no clip").asOptional(),
                        PortSpec.list("dialogue", PortType.AUDIO,
                                "dialogue audio keyed by scene and line").asOptional()),
                List.of(PortSpec.one("timeline", PortType.TIMELINE, "the assembled timeline")),
                List.of(Params.text("name", "Rough cut", "timeline name and export file name"),
                        Params.choice("frameRate", "24", Arrays.stream(FrameRate.values())
                                .map(FrameRate::label).toList(), "timeline frame rate"),
                        ParamSpec.builder("stillSeconds", ParamKind.NUMBER)
                                .defaultValue(JsonNodeFactory.instance.numberNode(3))
                                .min(new BigDecimal("0.1")).max(new BigDecimal("600"))
                                .unit("s").description("how long a still is held").build(),
                        Params.choice("formats", "fcpxml+edl", List.of("fcpxml+edl", "fcpxml",
                                "edl"), "which exports to write"),
                        Params.text("folder", "cut",
                                "folder for the exports and their media, inside the output folder")));
    }

    /** Adds the export folder to the cache key, because the FCPXML names media by absolute URL. */
    @Override
    public KeyMaterial prepare(WorkInput input) throws NodeException {
        return KeyMaterial.extras("export folder " + exportFolder(input));
    }

    @Override
    public WorkOutput execute(WorkInput input, WorkContext context) throws NodeException {
        FrameRate rate;
        try {
            rate = FrameRate.parse(input.stringParam("frameRate"));
        } catch (IllegalArgumentException e) {
            throw new NodeException("Node " + input.node() + " param frameRate: " + e.getMessage());
        }
        String folder = input.stringParam("folder");
        List<OutputFile> files = new ArrayList<>();
        List<SceneCut> scenes = new ArrayList<>();
        for (Item scene : input.input("scenes").map(PortValue::items).orElse(List.of())) {
            scenes.add(sceneCut(input, scene, folder, files));
        }

        Timeline timeline;
        try {
            timeline = TimelineAssembler.assemble(input.stringParam("name"), rate,
                    stillDuration(input), scenes);
        } catch (IllegalArgumentException e) {
            throw new NodeException("Node " + input.node() + " could not assemble the cut: "
                    + e.getMessage());
        }
        String base = folder + "/" + slug(input.stringParam("name"));
        String formats = input.stringParam("formats");
        if (formats.contains("fcpxml")) {
            String xml = FcpxmlWriter.write(timeline, exportFolder(input));
            files.add(textFile(base + ".fcpxml", xml, timeline.draft()));
        }
        if (formats.contains("edl")) {
            files.add(textFile(base + ".edl", EdlWriter.write(timeline), timeline.draft()));
        }
        WorkOutput.Builder output = WorkOutput.builder()
                .single("timeline", Artifact.ofJson(timeline.toJson(), timeline.draft()));
        files.forEach(output::file);
        return output.build();
    }

    private static Path exportFolder(WorkInput input) {
        return input.outputDirectory().resolve(input.stringParam("folder")).toAbsolutePath()
                .normalize();
    }

    private static RationalTime stillDuration(WorkInput input) {
        BigDecimal seconds = input.params().path("stillSeconds").decimalValue();
        BigDecimal thousandths = seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP);
        return RationalTime.of(thousandths.longValueExact(), 1000);
    }

    private static SceneCut sceneCut(WorkInput input, Item scene, String folder,
            List<OutputFile> files) throws NodeException {
        String key = scene.key();
        JsonNode json = scene.artifact().jsonUnsafe();
        List<MediaRef> shots = new ArrayList<>();
        for (Item clip : itemsOf(input, "shots", key)) {
            shots.add(media(input, clip, folder, files));
        }
        List<MediaRef> dialogue = new ArrayList<>();
        for (Item line : itemsOf(input, "dialogue", key)) {
            dialogue.add(media(input, line, folder, files));
        }
        // A scene without a clip shows its stills. A scene whose dialogue runs past its clips
        // opens on its still, held as long as needed, because a still can be extended and a
        // clip cannot, and the still is the first frame of an image-to-video clip.
        List<Item> stills = itemsOf(input, "stills", key);
        boolean dialogueLonger = length(dialogue).compareTo(length(shots)) > 0;
        if (shots.isEmpty() || (!stills.isEmpty() && dialogueLonger)) {
            List<MediaRef> held = new ArrayList<>();
            for (Item still : stills) {
                held.add(media(input, still, folder, files));
            }
            shots.addAll(0, held);
        }
        return new SceneCut(key, json.path("heading").asText(key), shots, dialogue);
    }

    /** Returns the summed source length of clips or audio; stills count as nothing. */
    private static RationalTime length(List<MediaRef> media) {
        RationalTime total = RationalTime.ZERO;
        for (MediaRef ref : media) {
            if (ref.sourceDuration().isPresent()) {
                total = total.plus(ref.sourceDuration().get());
            }
        }
        return total;
    }

    /** Returns the items of a port that belong to a scene: its own key or keys below it. */
    private static List<Item> itemsOf(WorkInput input, String port, String sceneKey) {
        List<Item> items = new ArrayList<>();
        for (Item item : input.input(port).map(PortValue::items).orElse(List.of())) {
            if (item.key().equals(sceneKey) || item.key().startsWith(sceneKey + "/")) {
                items.add(item);
            }
        }
        return items;
    }

    private static MediaRef media(WorkInput input, Item item, String folder, List<OutputFile> files)
            throws NodeException {
        Artifact artifact = item.artifact();
        MediaInfo info;
        try {
            info = MediaProbe.detect(artifact.bytesUnsafe()).orElseThrow(() -> new NodeException(
                    "Node " + input.node() + " got unrecognised media for item " + item.key()));
        } catch (MalformedMediaException e) {
            throw new NodeException("Node " + input.node() + " got damaged media for item "
                    + item.key() + ": " + e.getMessage());
        }
        String extension = EXTENSIONS.get(info.mediaType());
        if (extension == null) {
            throw new NodeException("Node " + input.node() + " cannot cut " + info.mediaType()
                    + " media (item " + item.key() + ")");
        }
        String relative = "media/" + item.key().replace('/', '_') + "." + extension;
        files.add(new OutputFile(Path.of(folder, relative), artifact));
        boolean draft = artifact.draft();
        if (info.mediaType().startsWith("image/")) {
            return MediaRef.image(relative, info.width(), info.height(), draft);
        }
        MediaDuration duration = info.duration().orElseThrow(() -> new NodeException("Node "
                + input.node() + " cannot tell the length of item " + item.key() + " ("
                + info.mediaType() + ")"));
        RationalTime length = RationalTime.of(duration.numerator(), duration.denominator());
        if (info.mediaType().startsWith("audio/")) {
            return MediaRef.audio(relative, length, info.sampleRate(), info.channels(), draft);
        }
        return MediaRef.video(relative, length, info.width(), info.height(), info.sampleRate(),
                info.channels(), draft);
    }

    private static OutputFile textFile(String path, String text, boolean draft) {
        return new OutputFile(Path.of(path), Artifact.ofBytes(
                path.endsWith(".fcpxml") ? "application/xml" : "text/plain",
                text.getBytes(StandardCharsets.UTF_8), draft));
    }

    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "cut" : slug;
    }
}
