package io.reelgraph.nodes.draft;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.jcodec.common.model.Picture;

/**
 * Converts BGR frames to the planar full-range YUV 4:2:0 pictures that the jcodec H.264 encoder
 * takes. It writes the planes directly because the general jcodec path (an RGB picture, then a
 * colour transform) took about as long as the encoding itself.
 */
final class YuvFrames {

    private YuvFrames() {
    }

    /**
     * Fills {@code yuv} from {@code frame}, which must be {@link BufferedImage#TYPE_3BYTE_BGR}
     * with even sides equal to the picture's. Uses the JFIF (BT.601 full range) matrix in 8-bit
     * fixed point; jcodec stores each sample as a signed byte, value minus 128.
     */
    static void toYuv420(BufferedImage frame, Picture yuv) {
        int width = frame.getWidth();
        int height = frame.getHeight();
        byte[] bgr = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        byte[] luma = yuv.getPlaneData(0);
        byte[] cb = yuv.getPlaneData(1);
        byte[] cr = yuv.getPlaneData(2);
        int chromaWidth = width / 2;

        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                int sumR = 0;
                int sumG = 0;
                int sumB = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int pixel = (y + dy) * width + x + dx;
                        int b = bgr[pixel * 3] & 0xFF;
                        int g = bgr[pixel * 3 + 1] & 0xFF;
                        int r = bgr[pixel * 3 + 2] & 0xFF;
                        luma[pixel] = (byte) (((77 * r + 150 * g + 29 * b + 128) >> 8) - 128);
                        sumR += r;
                        sumG += g;
                        sumB += b;
                    }
                }
                // Chroma of the 2x2 block from its summed RGB, so the divide by 4 folds in.
                int chroma = (y / 2) * chromaWidth + x / 2;
                cb[chroma] = (byte) clamp((-43 * sumR - 85 * sumG + 128 * sumB + 512) >> 10);
                cr[chroma] = (byte) clamp((128 * sumR - 107 * sumG - 21 * sumB + 512) >> 10);
            }
        }
    }

    /** Keeps a centred chroma value in the signed byte range. */
    private static int clamp(int value) {
        return Math.max(-128, Math.min(127, value));
    }
}
