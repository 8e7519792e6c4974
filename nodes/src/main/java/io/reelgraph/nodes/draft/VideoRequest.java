package io.reelgraph.nodes.draft;

import java.util.Objects;

/**
 * A request for a draft video clip made from one image. The length is an exact number of
 * frames at a rational frame rate, such as 24000/1001 for 23.976 fps.
 *
 * @param frames         the number of frames, at least 1
 * @param fpsNumerator   the frame rate numerator, positive
 * @param fpsDenominator the frame rate denominator, positive; the rate must be 1 to 240 fps
 * @param width          the requested width in pixels, 64 to 4096
 * @param height         the requested height in pixels, 64 to 4096
 * @param prompt         the prompt the clip stands for
 * @param seed           the generation seed, which picks the camera move with the variation
 * @param variation      the variation index, zero or more
 */
public record VideoRequest(int frames, int fpsNumerator, int fpsDenominator, int width,
        int height, String prompt, long seed, int variation) {

    public static final int MIN_SIDE = 64;
    public static final int MAX_SIDE = 4096;
    public static final int MAX_FPS = 240;

    public VideoRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (frames < 1) {
            throw new IllegalArgumentException(
                    "Draft video frame count must be at least 1, got " + frames);
        }
        if (fpsNumerator < 1 || fpsDenominator < 1
                || fpsNumerator > (long) MAX_FPS * fpsDenominator
                || fpsDenominator > fpsNumerator) {
            throw new IllegalArgumentException("Draft video frame rate " + fpsNumerator + "/"
                    + fpsDenominator + " is invalid; use a positive rate from 1 to " + MAX_FPS
                    + " fps, such as 24/1 or 24000/1001");
        }
        if ((long) frames * fpsDenominator > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Draft video of " + frames + " frames at "
                    + fpsNumerator + "/" + fpsDenominator + " fps is too long for a 32-bit "
                    + "MP4 duration; request fewer frames");
        }
        requireSide("width", width);
        requireSide("height", height);
        if (variation < 0) {
            throw new IllegalArgumentException(
                    "Draft video variation must be zero or more, got " + variation);
        }
    }

    private static void requireSide(String name, int value) {
        if (value < MIN_SIDE || value > MAX_SIDE) {
            throw new IllegalArgumentException("Draft video " + name + " " + value
                    + " is out of range; use " + MIN_SIDE + " to " + MAX_SIDE + " pixels");
        }
    }
}
