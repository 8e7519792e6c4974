package io.reelgraph.nodes.provider.fal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small real media files for provider tests. */
public final class TestMedia {

    private TestMedia() {
    }

    /** Returns a 2 by 2 PNG. */
    public static byte[] png() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Returns a one-second draft MP4, 64 by 64 at 24 frames a second. */
    public static byte[] mp4() {
        return io.reelgraph.nodes.draft.DraftVideo.fromImage(png(),
                new io.reelgraph.nodes.draft.VideoRequest(24, 24, 1, 64, 64, "fake", 1, 0));
    }
}
