package io.reelgraph.nodes.draft;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Packet.FrameType;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.Brand;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes draft video clips: one image with a slow push-in, a burned-in DRAFT badge and a frame
 * counter, encoded as H.264 in an MP4 file with jcodec 0.2.5 (pure Java, so it works offline
 * and headless).
 *
 * <p>To stay fast, the clip is encoded at a lower resolution than requested: the longer side is
 * capped at {@value #MAX_ENCODED_SIDE} pixels, the aspect ratio is kept and both sides are
 * rounded to even numbers. The duration is exact: frame {@code i} starts at
 * {@code i * fpsDenominator} in a timescale of {@code fpsNumerator} ticks per second.
 */
public final class DraftVideo {

    /** The maximum length of the longer side of encoded frames, in pixels. */
    public static final int MAX_ENCODED_SIDE = 640;

    /** How far the camera pushes in over the whole clip: the last frame is 10% closer. */
    private static final double PUSH_IN = 0.10;

    private static final Logger LOG = LoggerFactory.getLogger(DraftVideo.class);

    private DraftVideo() {
    }

    /**
     * Encodes a draft clip of {@code request.frames()} frames from the PNG (or any image that
     * ImageIO reads) in {@code png}. Equal inputs give equal bytes on the same machine.
     *
     * @throws IllegalArgumentException when {@code png} is not a readable image
     */
    public static byte[] fromImage(byte[] png, VideoRequest request) {
        BufferedImage source = decode(png);
        int[] size = encodedSize(request.width(), request.height());
        BufferedImage still = cover(source, size[0], size[1]);
        long started = System.nanoTime();
        byte[] mp4 = encode(still, size[0], size[1], request);
        LOG.debug("Encoded draft video: {} frames at {}x{} in {} ms, {} bytes", request.frames(),
                size[0], size[1], (System.nanoTime() - started) / 1_000_000, mp4.length);
        return mp4;
    }

    /** Returns the encoded width and height for a requested size; see the class comment. */
    public static int[] encodedSize(int width, int height) {
        double scale = Math.min(1.0, MAX_ENCODED_SIDE / (double) Math.max(width, height));
        return new int[] {even(width * scale), even(height * scale)};
    }

    private static int even(double side) {
        return Math.max(2, (int) Math.round(side / 2) * 2);
    }

    private static BufferedImage decode(byte[] png) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new IllegalArgumentException("Draft video source image of " + png.length
                    + " bytes could not be decoded: " + e.getMessage()
                    + ". Pass PNG bytes, such as the output of DraftImages.render", e);
        }
        if (image == null) {
            throw new IllegalArgumentException("Draft video source of " + png.length
                    + " bytes is not an image format ImageIO reads; pass PNG bytes");
        }
        return image;
    }

    /**
     * Scales {@code source} once so it covers the frame even at the closest push-in, cropping
     * the centre when the aspect ratios differ. Later frames only shrink this still.
     */
    private static BufferedImage cover(BufferedImage source, int width, int height) {
        double scale = Math.max(width / (double) source.getWidth(),
                height / (double) source.getHeight()) * (1 + PUSH_IN);
        int coverWidth = (int) Math.ceil(source.getWidth() * scale);
        int coverHeight = (int) Math.ceil(source.getHeight() * scale);
        BufferedImage still = new BufferedImage(coverWidth, coverHeight,
                BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = still.createGraphics();
        try {
            DraftLettering.setQualityHints(g);
            g.drawImage(source, 0, 0, coverWidth, coverHeight, null);
        } finally {
            g.dispose();
        }
        return still;
    }

    private static byte[] encode(BufferedImage still, int width, int height,
            VideoRequest request) {
        H264Encoder encoder = H264Encoder.createH264Encoder();
        // A push-in is a zoom, which block motion search barely helps; skipping it halves the
        // encoding time.
        encoder.setMotionSearchRange(0);
        ColorSpace yuvSpace = ColorSpace.YUV420J;
        Picture yuv = Picture.create(width, height, yuvSpace);
        ByteBuffer buffer = ByteBuffer.allocate(encoder.estimateBufferSize(yuv));
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        double[] focus = focusPoint(request);

        GrowingByteChannel channel = new GrowingByteChannel();
        try {
            MP4Muxer muxer = MP4Muxer.createMP4Muxer(channel, Brand.MP4);
            MuxerTrack track = muxer.addVideoTrack(Codec.H264,
                    VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), yuvSpace));
            for (int i = 0; i < request.frames(); i++) {
                paintFrame(frame, still, i, request.frames(), focus);
                YuvFrames.toYuv420(frame, yuv);
                buffer.clear();
                EncodedFrame encoded = encoder.encodeFrame(yuv, buffer);
                track.addFrame(Packet.createPacket(NIOUtils.clone(encoded.getData()),
                        (long) i * request.fpsDenominator(), request.fpsNumerator(),
                        request.fpsDenominator(), i,
                        encoded.isKeyFrame() ? FrameType.KEY : FrameType.INTER, null));
            }
            muxer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to mux a draft video in memory", e);
        }
        byte[] mp4 = channel.toByteArray();
        Mp4Timestamps.clear(mp4);
        return mp4;
    }

    /**
     * Picks where the camera pushes in to, as fractions of the frame: near the centre, moved by
     * up to 15% towards a corner chosen by seed and variation.
     */
    private static double[] focusPoint(VideoRequest request) {
        long hash = DraftSeeds.mix(request.seed(), request.variation(), "video", request.prompt());
        double dx = ((hash & 0xFFFF) / 65535.0 - 0.5) * 0.3;
        double dy = ((hash >>> 16 & 0xFFFF) / 65535.0 - 0.5) * 0.3;
        return new double[] {0.5 + dx, 0.5 + dy};
    }

    /** Paints frame {@code index}: the still at this step of the push-in, badge and counter. */
    private static void paintFrame(BufferedImage frame, BufferedImage still, int index,
            int frames, double[] focus) {
        int width = frame.getWidth();
        int height = frame.getHeight();
        double progress = frames == 1 ? 0 : index / (double) (frames - 1);
        // The still is (1 + PUSH_IN) times the cover size, so scale 1 is the closest view.
        double scale = (1 + PUSH_IN * progress) / (1 + PUSH_IN);
        double viewWidth = width / scale;
        double viewHeight = height / scale;
        double left = clamp(focus[0] * still.getWidth() - viewWidth * focus[0] * (1 - progress)
                - viewWidth / 2 * progress, 0, still.getWidth() - viewWidth);
        double top = clamp(focus[1] * still.getHeight() - viewHeight * focus[1] * (1 - progress)
                - viewHeight / 2 * progress, 0, still.getHeight() - viewHeight);

        Graphics2D g = frame.createGraphics();
        try {
            DraftLettering.setQualityHints(g);
            AffineTransform view = AffineTransform.getScaleInstance(scale, scale);
            view.translate(-left, -top);
            g.drawImage(still, view, null);

            int unit = Math.min(width, height);
            int margin = Math.max(4, unit / 20);
            // Top-right, so it never sits on the badge that a draft image has top-left.
            float badgeFont = Math.max(9f, unit / 12f);
            int badgeWidth = DraftLettering.badgeSize(g, badgeFont)[0];
            DraftLettering.drawBadge(g, width - margin - badgeWidth, margin, badgeFont);
            paintCounter(g, index, frames, width, height, margin);
        } finally {
            g.dispose();
        }
    }

    private static void paintCounter(Graphics2D g, int index, int frames, int width, int height,
            int margin) {
        g.setFont(DraftLettering.font(Font.BOLD, Math.max(9f, Math.min(width, height) / 16f)));
        FontMetrics metrics = g.getFontMetrics();
        String counter = String.format(Locale.ROOT, "%d / %d", index + 1, frames);
        int x = width - margin - metrics.stringWidth(counter);
        int baseline = height - margin - metrics.getDescent();
        DraftLettering.drawShadowed(g, counter, x, baseline, new Color(0xFF, 0xC4, 0x00));
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
