package io.reelgraph.app.editor.canvas;

import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.PortType;
import java.awt.Color;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.swing.UIManager;

/** Colours and JGraphX style strings of the canvas, taken from the current look and feel. */
final class CanvasStyles {

    static final int NODE_WIDTH = 220;
    static final int HEADER_HEIGHT = 24;
    static final int PORT_ROW = 20;
    static final int PORT_SIZE = 12;
    static final int BADGE_HEIGHT = 20;

    private CanvasStyles() {
    }

    static String header(NodeCategory category, boolean unknown) {
        String fill = unknown ? "#8A8A8A" : categoryColor(category);
        return "shape=swimlane;startSize=" + HEADER_HEIGHT + ";rounded=1;arcSize=8;fillColor="
                + fill + ";swimlaneFillColor=" + hex(uiColor("Panel.background", Color.WHITE))
                + ";strokeColor=" + fill + ";fontColor=#FFFFFF;fontStyle=1;fontSize=12;"
                + "verticalAlign=top;foldable=0;" + (unknown ? "dashed=1;" : "");
    }

    static String categoryColor(NodeCategory category) {
        return switch (category) {
            case SOURCE -> "#2E7D32";
            case PROMPT -> "#7B1FA2";
            case MODEL -> "#1565C0";
            case REFERENCE -> "#00838F";
            case CUT -> "#E65100";
            case OUTPUT -> "#AD1457";
            case UTILITY -> "#546E7A";
            case PLACEHOLDER -> "#8A8A8A";
        };
    }

    static String port(PortType type, boolean input) {
        String side = input ? "labelPosition=right;align=left;spacingLeft=4;"
                : "labelPosition=left;align=right;spacingRight=4;";
        return "shape=ellipse;perimeter=ellipsePerimeter;fillColor=" + portColor(type)
                + ";strokeColor=" + portColor(type) + ";fontSize=10;fontColor="
                + hex(uiColor("Label.foreground", Color.DARK_GRAY)) + ";" + side;
    }

    static String badge(boolean failed) {
        String color = failed ? "#D32F2F" : hex(uiColor("Label.disabledForeground", Color.GRAY));
        return "shape=label;fillColor=none;strokeColor=none;fontSize=10;align=left;spacingLeft=6;"
                + "fontColor=" + color + ";" + (failed ? "fontStyle=1;" : "");
    }

    static String wire(PortType type) {
        return "edgeStyle=entityRelationEdgeStyle;endArrow=none;strokeWidth=2;strokeColor="
                + portColor(type) + ";";
    }

    static String portColor(PortType type) {
        return switch (type) {
            case TEXT, SCREENPLAY -> "#558B2F";
            case SCENE, SHOT -> "#2E7D32";
            case DIALOGUE, CHARACTER -> "#00897B";
            case PROMPT -> "#8E24AA";
            case IMAGE -> "#1E88E5";
            case VIDEO -> "#3949AB";
            case AUDIO -> "#F4511E";
            case REFERENCE -> "#00ACC1";
            case CLIP, TIMELINE -> "#EF6C00";
            case FILE, ANY -> "#757575";
        };
    }

    static Color canvasBackground() {
        Color panel = uiColor("Panel.background", Color.WHITE);
        boolean dark = (panel.getRed() + panel.getGreen() + panel.getBlue()) / 3 < 128;
        return dark ? panel.darker() : new Color(0xF3F4F6);
    }

    private static Color uiColor(String key, Color fallback) {
        Color color = UIManager.getColor(key);
        return color != null ? color : fallback;
    }

    private static String hex(Color color) {
        return String.format(Locale.ROOT, "#%06X", color.getRGB() & 0xFFFFFF);
    }

    /**
     * Style strings built once per kind of cell instead of once per cell, because a 2,000-node
     * graph has more than 10,000 cells but only a few dozen distinct styles. Cleared when the
     * canvas draws everything again, so a new look and feel takes effect then.
     */
    static final class Cache {
        private final Map<String, String> strings = new HashMap<>();

        String header(NodeCategory category, boolean unknown) {
            return strings.computeIfAbsent("header." + category + "." + unknown,
                    key -> CanvasStyles.header(category, unknown));
        }

        String port(PortType type, boolean input) {
            return strings.computeIfAbsent("port." + type + "." + input,
                    key -> CanvasStyles.port(type, input));
        }

        String badge(boolean failed) {
            return strings.computeIfAbsent("badge." + failed, key -> CanvasStyles.badge(failed));
        }

        String wire(PortType type) {
            return strings.computeIfAbsent("wire." + type, key -> CanvasStyles.wire(type));
        }

        void clear() {
            strings.clear();
        }
    }
}
