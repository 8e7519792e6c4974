package io.reelgraph.app.editor;

import io.reelgraph.engine.artifact.Artifact;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * One stored output of a work item, made ready for the preview panel: a decoded image, a text
 * excerpt of a JSON value, or only its media type for media the editor cannot play yet.
 */
public record ItemOutput(String itemKey, String port, String mediaType, long size, boolean draft,
        Optional<BufferedImage> image, Optional<String> text) {

    private static final int TEXT_LIMIT = 600;

    static ItemOutput of(String itemKey, String port, Artifact artifact) {
        Optional<BufferedImage> image = Optional.empty();
        Optional<String> text = Optional.empty();
        String type = artifact.mediaType();
        if (type.equals("image/png") || type.equals("image/jpeg")) {
            image = decode(artifact);
        } else if (artifact.isJson()) {
            String json = artifact.jsonUnsafe().toPrettyString();
            text = Optional.of(json.length() > TEXT_LIMIT ? json.substring(0, TEXT_LIMIT) + "…" : json);
        }
        return new ItemOutput(itemKey, port, type, artifact.size(), artifact.draft(), image, text);
    }

    private static Optional<BufferedImage> decode(Artifact artifact) {
        try {
            return Optional.ofNullable(ImageIO.read(new ByteArrayInputStream(artifact.bytesUnsafe())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean playableLater() {
        return mediaType.startsWith("audio/") || mediaType.startsWith("video/");
    }
}
