package io.reelgraph.app.editor;

import io.reelgraph.app.editor.preview.Ffmpeg;
import io.reelgraph.app.editor.preview.MediaDecodeException;
import io.reelgraph.app.editor.preview.MediaFiles;
import io.reelgraph.app.editor.preview.MediaPreview;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.ScrollPaneConstants;

/**
 * The selected node's work items: a strip of tiles, one per item and variation, above the
 * outputs of the newest variation or of the chosen tile. Outputs show as PNG and JPEG images,
 * WebP through ffmpeg, video with frame scrubbing, audio with playback, and JSON as text.
 */
final class PreviewPanel extends JPanel {

    private static final int IMAGE_WIDTH = 300;

    private final JLabel heading = new JLabel("Preview");
    private final VariationStrip strip = new VariationStrip(this::showItem);
    private final JPanel detail = new JPanel();
    private final JScrollPane stripScroll;
    private final Optional<Ffmpeg> ffmpeg = Ffmpeg.locate();
    private Optional<MediaFiles> files = Optional.empty();
    private List<PreviewItem> items = List.of();
    private final JButton showAll = new JButton("Show all");

    PreviewPanel() {
        super(new BorderLayout());
        setName("preview");
        detail.setLayout(new BoxLayout(detail, BoxLayout.Y_AXIS));
        detail.setName("preview.detail");
        heading.setName("preview.heading");
        heading.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        stripScroll = new JScrollPane(strip,
                ScrollPaneConstants.VERTICAL_SCROLLBAR_NEVER,
                ScrollPaneConstants.HORIZONTAL_SCROLLBAR_AS_NEEDED);
        stripScroll.setBorder(BorderFactory.createEmptyBorder());
        showAll.setName("preview.showAll");
        showAll.setEnabled(false);
        showAll.addActionListener(event -> showNewest());
        JPanel headingRow = new JPanel(new BorderLayout());
        headingRow.add(heading, BorderLayout.CENTER);
        headingRow.add(showAll, BorderLayout.EAST);
        JPanel top = new JPanel(new BorderLayout());
        // A long heading must not widen the side panel, which would shrink the canvas.
        top.setMinimumSize(new Dimension(0, 0));
        top.add(headingRow, BorderLayout.NORTH);
        top.add(stripScroll, BorderLayout.CENTER);
        add(top, BorderLayout.NORTH);
        JScrollPane scroll = new JScrollPane(detail);
        scroll.getVerticalScrollBar().setUnitIncrement(16);
        add(scroll, BorderLayout.CENTER);
    }

    void showMessage(String message) {
        heading.setText(message);
        items = List.of();
        strip.show(items);
        showAll.setEnabled(false);
        clearDetail();
    }

    /**
     * Shows the items of {@code nodeId}: every item in the strip, and the outputs of the
     * newest variation below it until a tile is chosen.
     */
    void showItems(String nodeId, List<PreviewItem> loaded) {
        items = List.copyOf(loaded);
        long withResults = items.stream().filter(item -> !item.outputs().isEmpty()).count();
        heading.setText(withResults == 0
                ? "Node " + nodeId + ": no stored results yet; run the graph to see them"
                : "Node " + nodeId + ": " + withResults + " of " + items.size()
                        + " items have results");
        strip.show(items);
        fitStripHeight();
        showNewest();
    }

    /** Makes room for the strip's scroll bar, so that it does not cover the tile captions. */
    private void fitStripHeight() {
        int height = strip.getPreferredSize().height
                + stripScroll.getHorizontalScrollBar().getPreferredSize().height;
        stripScroll.setPreferredSize(new Dimension(0, height));
        stripScroll.revalidate();
    }

    int tileCount() {
        return strip.tileCount();
    }

    String tileCaption(int index) {
        return strip.caption(index);
    }

    List<PreviewItem> items() {
        return items;
    }

    /** Shows the outputs of every item at the newest variation. */
    private void showNewest() {
        clearDetail();
        strip.clearSelection();
        showAll.setEnabled(false);
        OptionalInt newest = items.stream().map(PreviewItem::variation)
                .filter(OptionalInt::isPresent).mapToInt(OptionalInt::getAsInt).max();
        for (PreviewItem item : items) {
            if (newest.isEmpty() || item.variation().equals(newest)) {
                item.outputs().forEach(output -> detail.add(entry(output)));
            }
        }
        detail.revalidate();
        detail.repaint();
    }

    private void showItem(int index) {
        clearDetail();
        showAll.setEnabled(true);
        PreviewItem item = items.get(index);
        if (item.outputs().isEmpty()) {
            detail.add(caption("No stored result for " + item.itemKey() + " yet ("
                    + VariationStrip.status(item) + ")."));
        }
        for (ItemOutput output : item.outputs()) {
            detail.add(entry(output));
        }
        detail.revalidate();
        detail.repaint();
    }

    private void clearDetail() {
        detail.removeAll();
        detail.revalidate();
        detail.repaint();
    }

    private JPanel entry(ItemOutput output) {
        JPanel entry = new JPanel(new BorderLayout(0, 4));
        entry.setBorder(BorderFactory.createEmptyBorder(4, 8, 8, 8));
        entry.setAlignmentX(Component.LEFT_ALIGNMENT);
        String caption = output.itemKey() + " · " + output.port() + " · " + output.mediaType()
                + (output.draft() ? " · DRAFT placeholder" : "");
        entry.add(new JLabel(caption), BorderLayout.NORTH);
        entry.add(body(output), BorderLayout.CENTER);
        return entry;
    }

    private Component body(ItemOutput output) {
        if (output.image().isPresent()) {
            JLabel picture = new JLabel(new ImageIcon(scaled(output.image().get())));
            picture.setName("preview.image");
            JPanel left = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
            left.add(picture);
            return left;
        }
        if (output.text().isPresent()) {
            JTextArea text = new JTextArea(output.text().get(), 4, 30);
            text.setEditable(false);
            text.setLineWrap(true);
            return text;
        }
        if (output.media().isPresent()) {
            try {
                return new MediaPreview(output.media().get(), mediaFiles(), ffmpeg);
            } catch (MediaDecodeException e) {
                return caption("[Cannot preview this " + output.mediaType() + ": "
                        + e.getMessage() + "]");
            }
        }
        return caption("[No preview for " + output.mediaType() + ": " + (output.size() / 1024)
                + " KB, open the file in out/ to see it]");
    }

    private MediaFiles mediaFiles() throws MediaDecodeException {
        if (files.isEmpty()) {
            try {
                files = Optional.of(MediaFiles.temporary());
            } catch (IOException e) {
                throw new MediaDecodeException("Failed to create a temporary folder for the"
                        + " preview: " + e.getMessage(), e);
            }
        }
        return files.get();
    }

    private static JLabel caption(String text) {
        JLabel label = new JLabel(text);
        label.setName("preview.placeholder");
        return label;
    }

    private static Image scaled(BufferedImage image) {
        if (image.getWidth() <= IMAGE_WIDTH) {
            return image;
        }
        int height = Math.max(1, image.getHeight() * IMAGE_WIDTH / image.getWidth());
        return image.getScaledInstance(IMAGE_WIDTH, height, Image.SCALE_SMOOTH);
    }
}
