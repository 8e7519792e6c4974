package io.reelgraph.app.editor;

import io.reelgraph.engine.run.ItemState;
import io.reelgraph.nodes.catalog.Money;
import java.awt.FlowLayout;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javax.swing.ButtonGroup;
import javax.swing.ImageIcon;
import javax.swing.JPanel;
import javax.swing.JToggleButton;
import javax.swing.SwingConstants;

/**
 * A row of tiles, one per work item and variation of the selected node: a thumbnail, the item
 * key and variation, the price and whether the result is cached, ran in this session or is
 * still to run. Clicking a tile shows that item in the preview.
 */
final class VariationStrip extends JPanel {

    static final int THUMBNAIL_SIZE = 96;

    private final IntConsumer onSelect;
    private final List<JToggleButton> tiles = new ArrayList<>();
    private ButtonGroup group = new ButtonGroup();

    VariationStrip(IntConsumer onSelect) {
        super(new FlowLayout(FlowLayout.LEFT, 4, 4));
        setName("preview.strip");
        this.onSelect = onSelect;
    }

    void show(List<PreviewItem> items) {
        removeAll();
        tiles.clear();
        group = new ButtonGroup();
        for (int index = 0; index < items.size(); index++) {
            JToggleButton tile = tile(items.get(index));
            tile.setName("preview.tile." + index);
            int selected = index;
            tile.addActionListener(event -> onSelect.accept(selected));
            group.add(tile);
            tiles.add(tile);
            add(tile);
        }
        revalidate();
        repaint();
    }

    void clearSelection() {
        group.clearSelection();
    }

    int tileCount() {
        return tiles.size();
    }

    String caption(int index) {
        return tiles.get(index).getToolTipText();
    }

    private static JToggleButton tile(PreviewItem item) {
        JToggleButton tile = new JToggleButton();
        tile.setVerticalTextPosition(SwingConstants.BOTTOM);
        tile.setHorizontalTextPosition(SwingConstants.CENTER);
        tile.setFocusable(false);
        item.outputs().stream().flatMap(output -> output.image().stream()).findFirst()
                .ifPresent(image -> tile.setIcon(new ImageIcon(thumbnail(image))));
        String kind = item.outputs().stream().anyMatch(ItemOutput::video) ? "video "
                : item.outputs().stream().anyMatch(ItemOutput::audio) ? "audio " : "";
        String title = kind + item.itemKey()
                + (item.variation().isPresent() ? " · v" + item.variation().getAsInt() : "");
        String status = status(item);
        tile.setText("<html><center>" + title + "<br>" + status + "</center></html>");
        tile.setToolTipText(title + " · " + status + (item.draft() ? " · DRAFT" : ""));
        return tile;
    }

    /** Returns the price and the result's state, such as "$0.0400 · cached". */
    static String status(PreviewItem item) {
        String price = item.actualUsd().map(actual -> "actual " + Money.format(actual))
                .or(() -> item.price().map(Money::format)).orElse("free");
        String state;
        if (item.state() == ItemState.CACHED) {
            state = "cached";
        } else if (item.state() == ItemState.EXECUTED) {
            state = "ran";
        } else if (item.state() == ItemState.WILL_RUN
                || item.state() == ItemState.BLOCKED_ON_UPSTREAM) {
            state = "to run";
        } else {
            state = item.state().name().toLowerCase(java.util.Locale.ROOT);
        }
        return price + " · " + state;
    }

    private static Image thumbnail(BufferedImage image) {
        double scale = Math.min(1.0, (double) THUMBNAIL_SIZE
                / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        return image.getScaledInstance(width, height, Image.SCALE_SMOOTH);
    }
}
