package io.reelgraph.nodes.cut;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small mutable XML element that renders itself indented, with attributes in insertion order.
 * The JDK transformers cannot write a DOCTYPE without a system id, which FCPXML needs.
 */
final class XmlElement {

    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlElement> children = new ArrayList<>();
    private String text;

    XmlElement(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    XmlElement attribute(String key, String value) {
        attributes.put(key, value);
        return this;
    }

    XmlElement attribute(String key, long value) {
        return attribute(key, Long.toString(value));
    }

    XmlElement text(String value) {
        this.text = value;
        return this;
    }

    /** Appends a new child element and returns it. */
    XmlElement child(String childName) {
        XmlElement child = new XmlElement(childName);
        children.add(child);
        return child;
    }

    void render(StringBuilder out, int depth) {
        String indent = "    ".repeat(depth);
        out.append(indent).append('<').append(name);
        attributes.forEach((key, value) ->
                out.append(' ').append(key).append("=\"").append(escape(value, true)).append('"'));
        if (text != null) {
            out.append('>').append(escape(text, false)).append("</").append(name).append(">\n");
        } else if (children.isEmpty()) {
            out.append("/>\n");
        } else {
            out.append(">\n");
            children.forEach(child -> child.render(out, depth + 1));
            out.append(indent).append("</").append(name).append(">\n");
        }
    }

    /** Escapes markup characters and drops control characters that XML 1.0 does not allow. */
    private static String escape(String value, boolean attribute) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
