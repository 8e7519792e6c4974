package io.reelgraph.nodes.types;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.type.KeyMaterial;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.ValidationInput;
import io.reelgraph.engine.type.WorkOutput;
import io.reelgraph.engine.validate.Problem;
import io.reelgraph.nodes.media.MalformedMediaException;
import io.reelgraph.nodes.media.MediaInfo;
import io.reelgraph.nodes.media.MediaProbe;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code reference.image}: an image file, resolved relative to the graph file, that model nodes
 * take as a character or style reference. The file is typed by its bytes, not its name.
 */
public final class ReferenceImageNode extends BaseNodeType {

    public static final String ID = "reference.image";
    /** Largest reference image read, in bytes. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp");

    ReferenceImageNode() {
        super(ID, 1, "Reference image",
                "An image file used as a character or style reference by model nodes.",
                NodeCategory.REFERENCE, List.of(),
                List.of(PortSpec.one("reference", PortType.REFERENCE, "the reference image")),
                List.of(Params.file("file", "PNG, JPEG or WebP file, relative to the graph file"),
                        Params.choice("role", "character", List.of("character", "style"),
                                "what the image stands for"),
                        Params.text("name", "", "who or what the reference shows")));
    }

    @Override
    public List<Problem> validate(ValidationInput input) {
        return FileParams.checkReadable(input, "file", MAX_BYTES);
    }

    @Override
    public KeyMaterial prepare(WorkInput input) throws NodeException {
        byte[] content = input.files().read(input.stringParam("file"), MAX_BYTES);
        return KeyMaterial.extras("reference sha256 " + ContentHash.of(content).hex());
    }

    @Override
    public WorkOutput execute(WorkInput input, WorkContext context) throws NodeException {
        String file = input.stringParam("file");
        byte[] content = input.files().read(file, MAX_BYTES);
        Optional<MediaInfo> info;
        try {
            info = MediaProbe.detect(content);
        } catch (MalformedMediaException e) {
            throw new NodeException("Reference image " + file + " is damaged: " + e.getMessage());
        }
        if (info.isEmpty() || !IMAGE_TYPES.contains(info.get().mediaType())) {
            throw new NodeException("Reference " + file + " is "
                    + info.map(MediaInfo::mediaType).orElse("not a recognised image")
                    + "; use a PNG, JPEG or WebP image");
        }
        return WorkOutput.of("reference", Artifact.ofBytes(info.get().mediaType(), content, false));
    }
}
