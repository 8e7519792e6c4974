package io.reelgraph.nodes.draft;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Renders draft images: a gradient background picked by seed and variation, the prompt
 * word-wrapped over it, a DRAFT badge in the top-left corner and a caption with the model id,
 * seed, variation and reference labels. Works with {@code -Djava.awt.headless=true}.
 */
public final class DraftImages {

    private DraftImages() {
    }

    /**
     * Renders {@code request} as PNG bytes of exactly the requested size. Equal requests give
     * equal bytes on the same machine because the PNG carries no time or text metadata.
     */
    public static byte[] render(ImageRequest request) {
        BufferedImage image = paint(request);
        return encodePng(image);
    }

    /** Paints the draft image without encoding it. */
    static BufferedImage paint(ImageRequest request) {
        int width = request.width();
        int height = request.height();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            DraftLettering.setQualityHints(g);
            paintBackground(g, request);

            int unit = Math.min(width, height);
            int margin = Math.max(4, unit / 16);
            int[] badge = DraftLettering.drawBadge(g, margin, margin, Math.max(9f, unit / 12f));
            int captionTop = paintCaption(g, request, margin);
            paintPrompt(g, request, margin, margin + badge[1] + margin, captionTop - margin);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Fills a diagonal two-colour gradient whose hue and direction come from the request. */
    private static void paintBackground(Graphics2D g, ImageRequest request) {
        long hash = DraftSeeds.mix(request.seed(), request.variation(), "image", request.model());
        float hue = (hash >>> 40) / (float) (1L << 24);
        Color light = Color.getHSBColor(hue, 0.45f, 0.62f);
        Color dark = Color.getHSBColor(hue + 0.08f, 0.65f, 0.22f);
        int width = request.width();
        int height = request.height();
        boolean fromTopLeft = (hash & 1) == 0;
        g.setPaint(fromTopLeft
                ? new GradientPaint(0, 0, light, width, height, dark)
                : new GradientPaint(width, 0, light, 0, height, dark));
        g.fillRect(0, 0, width, height);
    }

    /**
     * Draws the caption lines at the bottom edge.
     *
     * @return the y coordinate of the top of the caption
     */
    private static int paintCaption(Graphics2D g, ImageRequest request, int margin) {
        int unit = Math.min(request.width(), request.height());
        g.setFont(DraftLettering.font(Font.PLAIN, Math.max(8f, unit / 28f)));
        FontMetrics metrics = g.getFontMetrics();
        int maxWidth = request.width() - 2 * margin;

        List<String> lines = new ArrayList<>(DraftLettering.wrap(String.format(Locale.ROOT,
                "%s  seed %d  variation %d", request.model(), request.seed(),
                request.variation()), metrics, maxWidth, 2));
        if (!request.referenceLabels().isEmpty()) {
            lines.addAll(DraftLettering.wrap("refs: " + String.join(", ",
                    request.referenceLabels()), metrics, maxWidth, 2));
        }

        int lineHeight = metrics.getHeight();
        int top = request.height() - margin - lines.size() * lineHeight;
        int baseline = top + metrics.getAscent();
        for (String line : lines) {
            DraftLettering.drawShadowed(g, line, margin, baseline, new Color(235, 235, 235));
            baseline += lineHeight;
        }
        return top;
    }

    /** Draws the prompt word-wrapped between {@code top} and {@code bottom}, sized to the image. */
    private static void paintPrompt(Graphics2D g, ImageRequest request, int margin, int top,
            int bottom) {
        int unit = Math.min(request.width(), request.height());
        g.setFont(DraftLettering.font(Font.BOLD, Math.max(9f, unit / 14f)));
        FontMetrics metrics = g.getFontMetrics();
        int lineHeight = metrics.getHeight();
        if (bottom - top < lineHeight) {
            // NOTE: on the smallest images badge and caption leave no room for the prompt.
            return;
        }
        int maxLines = (bottom - top) / lineHeight;
        int baseline = top + metrics.getAscent();
        int maxWidth = request.width() - 2 * margin;
        for (String line : DraftLettering.wrap(request.prompt(), metrics, maxWidth, maxLines)) {
            DraftLettering.drawShadowed(g, line, margin, baseline, Color.WHITE);
            baseline += lineHeight;
        }
    }

    /** Encodes with the JDK PNG writer and no metadata, so no tIME or tEXt chunk is written. */
    static byte[] encodePng(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("No PNG image writer is installed in this JVM");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to encode a draft PNG in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
