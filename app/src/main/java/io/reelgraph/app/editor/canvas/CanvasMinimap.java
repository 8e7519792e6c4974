package io.reelgraph.app.editor.canvas;

import com.mxgraph.model.mxCell;
import com.mxgraph.swing.mxGraphComponent;
import com.mxgraph.swing.mxGraphOutline;
import com.mxgraph.util.mxConstants;
import com.mxgraph.util.mxUtils;
import com.mxgraph.view.mxCellState;
import com.mxgraph.view.mxGraphView;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.util.Collection;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JLayeredPane;
import javax.swing.UIManager;

/**
 * The overview in the lower right corner of the canvas: every node box at a small scale in its
 * category colour, with a rectangle around the part the canvas shows. Dragging the rectangle
 * pans the canvas, and dragging its lower right handle zooms, as JGraphX's outline does.
 */
final class CanvasMinimap extends mxGraphOutline {

    // Not WIDTH and HEIGHT: inside a component those names mean the ImageObserver flags.
    static final int MAP_WIDTH = 220;
    static final int MAP_HEIGHT = 150;
    private static final int MARGIN = 12;

    private final Supplier<Collection<mxCell>> boxes;

    CanvasMinimap(mxGraphComponent component, Supplier<Collection<mxCell>> boxes) {
        super(component);
        this.boxes = boxes;
        setName("canvas.minimap");
        setToolTipText("Minimap: drag the rectangle to pan (M shows or hides it)");
        setAntiAlias(true);
        Color line = UIManager.getColor("Component.borderColor");
        setBorder(BorderFactory.createLineBorder(line != null ? line : Color.GRAY));
        setPreferredSize(new Dimension(MAP_WIDTH, MAP_HEIGHT));
    }

    /**
     * Paints each node box as a filled rectangle. JGraphX's outline draws every cell, ports,
     * badges and edges included, again after each edit, which made first paint on a 2,000-node
     * graph about a second slower.
     */
    @Override
    public void paintGraph(Graphics g) {
        if (graphComponent == null) {
            return;
        }
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            Point origin = graphComponent.getGraphControl().getTranslate();
            g2.translate(translate.x + origin.getX() * scale, translate.y + origin.getY() * scale);
            g2.scale(scale, scale);
            mxGraphView view = graphComponent.getGraph().getView();
            for (mxCell box : boxes.get()) {
                mxCellState state = view.getState(box);
                if (state != null) {
                    g2.setColor(mxUtils.getColor(state.getStyle(), mxConstants.STYLE_FILLCOLOR,
                            Color.GRAY));
                    g2.fill(state.getRectangle());
                }
            }
        } finally {
            g2.dispose();
        }
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
