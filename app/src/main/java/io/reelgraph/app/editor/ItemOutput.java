package io.reelgraph.app.editor;

import io.reelgraph.engine.artifact.Artifact;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * One stored output of a work item, made ready for the preview panel. It carries a decoded PNG
 * or JPEG image, a text excerpt of a JSON value, or the artifact itself for audio, video and
 * WebP, which the preview decodes when it shows them.
 */
public record ItemOutput(String itemKey, String port, String mediaType, long size, boolean draft,
        Optional<BufferedImage> image, Optional<String> text, Optional<Artifact> media) {

    private static final int TEXT_LIMIT = 600;

    static ItemOutput of(String itemKey, String port, Artifact artifact) {
        Optional<BufferedImage> image = Optional.empty();
        Optional<String> text = Optional.empty();
        Optional<Artifact> media = Optional.empty();
        String type = artifact.mediaType();
        if (type.equals("image/png") || type.equals("image/jpeg")) {
            image = decode(artifact);
        } else if (type.startsWith("audio/") || type.startsWith("video/")
                || type.equals("image/webp")) {
            media = Optional.of(artifact);
        } else if (artifact.isJson()) {
            String json = artifact.jsonUnsafe().toPrettyString();
            text = Optional.of(json.length() > TEXT_LIMIT ? json.substring(0, TEXT_LIMIT) + "…" : json);
        }
        return new ItemOutput(itemKey, port, type, artifact.size(), artifact.draft(), image, text,
                media);
    }

    private static Optional<BufferedImage> decode(Artifact artifact) {
        try {
            return Optional.ofNullable(ImageIO.read(new ByteArrayInputStream(artifact.bytesUnsafe())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean audio() {
        return mediaType.startsWith("audio/");
    }

    public boolean video() {
        return mediaType.startsWith("video/");
    }
}
