package io.reelgraph.nodes.draft;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the text of draft images and video frames: the DRAFT badge, word-wrapped prompts and
 * caption lines. Uses the logical {@link Font#SANS_SERIF} font so it works headless.
 */
final class DraftLettering {

    static final String BADGE_TEXT = "DRAFT";
    static final Color BADGE_FILL = new Color(0xFF, 0xC4, 0x00);
    static final Color BADGE_INK = new Color(0x1A, 0x1A, 0x1A);

    private DraftLettering() {
    }

    static void setQualityHints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
                RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    static Font font(int style, float size) {
        return new Font(Font.SANS_SERIF, style, 1).deriveFont(size);
    }

    /**
     * Draws the DRAFT badge with its top-left corner at ({@code x}, {@code y}).
     *
     * @return the badge width and height in pixels
     */
    static int[] drawBadge(Graphics2D g, int x, int y, float fontSize) {
        int[] size = badgeSize(g, fontSize);
        FontMetrics metrics = g.getFontMetrics();
        int padding = padding(fontSize);
        int width = size[0];
        int height = size[1];
        g.setColor(BADGE_FILL);
        g.fillRect(x, y, width, height);
        g.setColor(BADGE_INK);
        g.drawString(BADGE_TEXT, x + padding, y + padding / 2 + metrics.getAscent());
        return new int[] {width, height};
    }

    /** Sets the badge font on {@code g} and returns the badge width and height in pixels. */
    static int[] badgeSize(Graphics2D g, float fontSize) {
        g.setFont(font(Font.BOLD, fontSize));
        FontMetrics metrics = g.getFontMetrics();
        int padding = padding(fontSize);
        return new int[] {
            metrics.stringWidth(BADGE_TEXT) + 2 * padding,
            metrics.getAscent() + metrics.getDescent() + padding
        };
    }

    private static int padding(float fontSize) {
        return Math.max(2, Math.round(fontSize * 0.35f));
    }

    /** Draws {@code text} with a dark shadow so it stays legible on any background. */
    static void drawShadowed(Graphics2D g, String text, int x, int baseline, Color ink) {
        int offset = Math.max(1, g.getFont().getSize() / 14);
        g.setColor(new Color(0, 0, 0, 170));
        g.drawString(text, x + offset, baseline + offset);
        g.setColor(ink);
        g.drawString(text, x, baseline);
    }

    /**
     * Breaks {@code text} into lines no wider than {@code maxWidth}, at most {@code maxLines}
     * of them; the last line ends with an ellipsis when text is left over. A word wider than a
     * line is broken between characters.
     */
    static List<String> wrap(String text, FontMetrics metrics, int maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (metrics.stringWidth(candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (metrics.stringWidth(rest) > maxWidth && rest.length() > 1) {
                int fit = fittingPrefix(rest, metrics, maxWidth);
                lines.add(rest.substring(0, fit));
                rest = rest.substring(fit);
            }
            line.append(rest);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        if (lines.size() <= maxLines) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
        kept.set(maxLines - 1, withEllipsis(kept.get(maxLines - 1), metrics, maxWidth));
        return kept;
    }

    private static int fittingPrefix(String word, FontMetrics metrics, int maxWidth) {
        int fit = 1;
        while (fit < word.length() && metrics.stringWidth(word.substring(0, fit + 1)) <= maxWidth) {
            fit++;
        }
        return fit;
    }

    private static String withEllipsis(String line, FontMetrics metrics, int maxWidth) {
        String shortened = line;
        while (!shortened.isEmpty() && metrics.stringWidth(shortened + "...") > maxWidth) {
            shortened = shortened.substring(0, shortened.length() - 1);
        }
        return shortened.stripTrailing() + "...";
    }
}
