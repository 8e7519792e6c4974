package io.reelgraph.app.editor.canvas;

import com.mxgraph.swing.mxGraphComponent;
import com.mxgraph.swing.mxGraphOutline;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Rectangle;
import javax.swing.BorderFactory;
import javax.swing.JLayeredPane;
import javax.swing.UIManager;

/**
 * The overview in the lower right corner of the canvas: the whole graph at a small scale with a
 * rectangle around the part the canvas shows. Dragging the rectangle pans the canvas, and
 * dragging its lower right handle zooms, as JGraphX's outline does.
 */
final class CanvasMinimap extends mxGraphOutline {

    // Not WIDTH and HEIGHT: inside a component those names mean the ImageObserver flags.
    static final int MAP_WIDTH = 220;
    static final int MAP_HEIGHT = 150;
    private static final int MARGIN = 12;

    CanvasMinimap(mxGraphComponent component) {
        super(component);
        setName("canvas.minimap");
        setToolTipText("Minimap: drag the rectangle to pan (M shows or hides it)");
        // Labels at this scale are unreadable and make each redraw of a large graph slower.
        setDrawLabels(false);
        setAntiAlias(true);
        Color line = UIManager.getColor("Component.borderColor");
        setBorder(BorderFactory.createLineBorder(line != null ? line : Color.GRAY));
        setPreferredSize(new Dimension(MAP_WIDTH, MAP_HEIGHT));
    }

    /** Returns the rectangle that marks the visible part of the canvas, in minimap pixels. */
    Rectangle viewportMarker() {
        return new Rectangle(finderBounds);
    }

    /** Drops the listeners the outline added to the canvas, so a closed canvas can be freed. */
    void detach() {
        setGraphComponent(null);
    }

    /** Lays the canvas over the whole area and the minimap in its lower right corner. */
    static final class Layers extends JLayeredPane {

        private final Component canvas;
        private final CanvasMinimap minimap;

        Layers(Component canvas, CanvasMinimap minimap) {
            this.canvas = canvas;
            this.minimap = minimap;
            add(canvas, JLayeredPane.DEFAULT_LAYER);
            add(minimap, JLayeredPane.PALETTE_LAYER);
        }

        @Override
        public void doLayout() {
            canvas.setBounds(0, 0, getWidth(), getHeight());
            // Keep the minimap clear of the canvas's scroll bars.
            int scrollBar = UIManager.getInt("ScrollBar.width");
            int inset = MARGIN + (scrollBar > 0 ? scrollBar : 16);
            minimap.setBounds(getWidth() - MAP_WIDTH - inset, getHeight() - MAP_HEIGHT - inset,
                    MAP_WIDTH, MAP_HEIGHT);
        }

        @Override
        public Dimension getPreferredSize() {
            return canvas.getPreferredSize();
        }
    }
}
