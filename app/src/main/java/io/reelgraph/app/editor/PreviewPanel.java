package io.reelgraph.app.editor;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.ImageIcon;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

/**
 * Shows the stored outputs of the selected node's work items: PNG and JPEG images, JSON values
 * as text, and a labelled placeholder for audio and video, which the editor cannot play yet.
 */
final class PreviewPanel extends JPanel {

    private static final int THUMBNAIL_WIDTH = 300;

    private final JPanel items = new JPanel();
    private final JLabel heading = new JLabel("Preview");

    PreviewPanel() {
        super(new BorderLayout());
        setName("preview");
        items.setLayout(new BoxLayout(items, BoxLayout.Y_AXIS));
        heading.setName("preview.heading");
        heading.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        add(heading, BorderLayout.NORTH);
        JScrollPane scroll = new JScrollPane(items);
        scroll.getVerticalScrollBar().setUnitIncrement(16);
        add(scroll, BorderLayout.CENTER);
    }

    void showMessage(String message) {
        heading.setText(message);
        items.removeAll();
        items.revalidate();
        items.repaint();
    }

    void showOutputs(String node, List<ItemOutput> outputs) {
        items.removeAll();
        long images = outputs.stream().filter(output -> output.image().isPresent()).count();
        heading.setText(outputs.isEmpty()
                ? "Node " + node + ": no stored results yet; run the graph to see them"
                : "Node " + node + ": " + outputs.size() + " outputs, " + images + " images");
        for (ItemOutput output : outputs) {
            items.add(entry(output));
        }
        items.revalidate();
        items.repaint();
    }

    private JPanel entry(ItemOutput output) {
        JPanel entry = new JPanel(new BorderLayout());
        entry.setBorder(BorderFactory.createEmptyBorder(4, 8, 8, 8));
        String caption = output.itemKey() + " · " + output.port() + " · " + output.mediaType()
                + (output.draft() ? " · DRAFT placeholder" : "");
        entry.add(new JLabel(caption), BorderLayout.NORTH);
        if (output.image().isPresent()) {
            JLabel picture = new JLabel(new ImageIcon(thumbnail(output.image().get())));
            picture.setName("preview.image");
            JPanel left = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
            left.add(picture);
            entry.add(left, BorderLayout.CENTER);
        } else if (output.text().isPresent()) {
            JTextArea text = new JTextArea(output.text().get(), 4, 30);
            text.setEditable(false);
            text.setLineWrap(true);
            entry.add(text, BorderLayout.CENTER);
        } else {
            String kind = output.playableLater()
                    ? (output.mediaType().startsWith("audio/") ? "Audio" : "Video")
                    + " preview is not yet playable in the editor"
                    : "No preview for this media type";
            JLabel placeholder = new JLabel("[" + kind + ": " + (output.size() / 1024)
                    + " KB, open the file in out/ to play it]");
            placeholder.setName("preview.placeholder");
            entry.add(placeholder, BorderLayout.CENTER);
        }
        return entry;
    }

    private static Image thumbnail(BufferedImage image) {
        if (image.getWidth() <= THUMBNAIL_WIDTH) {
            return image;
        }
        int height = Math.max(1, image.getHeight() * THUMBNAIL_WIDTH / image.getWidth());
        return image.getScaledInstance(THUMBNAIL_WIDTH, height, Image.SCALE_SMOOTH);
    }
}
