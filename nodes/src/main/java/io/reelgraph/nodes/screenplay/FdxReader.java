package io.reelgraph.nodes.screenplay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Collects the body paragraphs of a Final Draft file while it is parsed: the {@code Paragraph}
 * children of {@code /FinalDraft/Content} and of the {@code DualDialogue} blocks inside them.
 * Paragraphs elsewhere (scene arc beats, the title page, headers and footers) are skipped, and a
 * paragraph's text is the concatenation of its direct {@code Text} children only. A run's
 * {@code Style} becomes Fountain's emphasis markers ({@code _underline_}, {@code **bold**},
 * {@code *italic*}) so both formats give the same text, and {@code AllCaps} upper-cases the run.
 */
final class FdxReader extends DefaultHandler {

    static final String ROOT = "FinalDraft";

    /** The start of the message for a document whose root is not {@code FinalDraft}. */
    static final String WRONG_ROOT = "the root element is ";

    /** One body paragraph; {@code dualBlock} numbers its dual dialogue block from 1, else 0. */
    record Paragraph(String type, String number, String alignment, boolean startsNewPage,
            boolean dualWrapper, int dualBlock, String text, int line) {
    }

    /** A paragraph whose text is still being read. */
    private static final class OpenParagraph {
        final String type;
        final String number;
        final String alignment;
        final boolean startsNewPage;
        final int dualBlock;
        final int line;
        final int depth;
        final StringBuilder text = new StringBuilder();
        boolean dualWrapper;

        OpenParagraph(Attributes attributes, int dualBlock, int line, int depth) {
            this.type = value(attributes, "Type");
            this.number = value(attributes, "Number");
            this.alignment = value(attributes, "Alignment");
            this.startsNewPage = "Yes".equalsIgnoreCase(value(attributes, "StartsNewPage"));
            this.dualBlock = dualBlock;
            this.line = line;
            this.depth = depth;
        }

        Paragraph close() {
            return new Paragraph(type, number, alignment, startsNewPage, dualWrapper, dualBlock,
                    text.toString(), line);
        }

        private static String value(Attributes attributes, String name) {
            String value = attributes.getValue(name);
            return value == null ? "" : value.strip();
        }
    }

    private final List<String> path = new ArrayList<>();
    private final List<OpenParagraph> open = new ArrayList<>();
    private final List<OpenParagraph> paragraphs = new ArrayList<>();
    private Locator locator;
    private int dualBlocks;
    private int currentDualBlock;
    private boolean inText;
    private String runStyle = "";
    private final StringBuilder run = new StringBuilder();

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
            throws SAXException {
        String name = localName.isEmpty() ? qName : localName;
        if (path.isEmpty() && !name.equals(ROOT)) {
            throw new SAXParseException(WRONG_ROOT + "<" + name + ">, not <" + ROOT
                    + ">, so this is not a Final Draft screenplay", locator);
        }
        path.add(name);

        if (name.equals("Paragraph") && isBodyParagraph()) {
            OpenParagraph paragraph =
                    new OpenParagraph(attributes, currentDualBlock, line(), path.size());
            open.add(paragraph);
            paragraphs.add(paragraph);
        } else if (name.equals("DualDialogue") && isDirectChildOfBodyParagraph()) {
            currentOpen().dualWrapper = true;
            currentDualBlock = ++dualBlocks;
        } else if (name.equals("Text") && isDirectChildOfBodyParagraph()) {
            inText = true;
            String style = attributes.getValue("Style");
            runStyle = style == null ? "" : style;
            run.setLength(0);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = localName.isEmpty() ? qName : localName;
        if (name.equals("Text") && inText) {
            inText = false;
            currentOpen().text.append(styled(run.toString(), runStyle));
        } else if (name.equals("DualDialogue") && path.size() - 1 == depthOfOpen()) {
            currentDualBlock = 0;
        } else if (name.equals("Paragraph") && !open.isEmpty()
                && currentOpen().depth == path.size()) {
            open.remove(open.size() - 1);
        }
        path.remove(path.size() - 1);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inText) {
            run.append(ch, start, length);
        }
    }

    /** Returns the body paragraphs in document order. */
    List<Paragraph> paragraphs() {
        return paragraphs.stream().map(OpenParagraph::close).toList();
    }

    /**
     * Wraps the text of a run in the Fountain markers of its style, such as
     * {@code Bold+Underline}. White space at either end stays outside the markers, because
     * Fountain only reads a marker that touches the text.
     */
    static String styled(String text, String style) {
        Set<String> styles = new HashSet<>();
        for (String part : style.split("\\+")) {
            styles.add(part.strip().toLowerCase(Locale.ROOT));
        }
        String core = text.strip();
        if (core.isEmpty() || styles.isEmpty()) {
            return text;
        }
        String marked = styles.contains("allcaps") ? core.toUpperCase(Locale.ROOT) : core;
        if (styles.contains("italic")) {
            marked = "*" + marked + "*";
        }
        if (styles.contains("bold")) {
            marked = "**" + marked + "**";
        }
        if (styles.contains("underline")) {
            marked = "_" + marked + "_";
        }
        int start = text.indexOf(core);
        return text.substring(0, start) + marked + text.substring(start + core.length());
    }

    /** FinalDraft/Content/Paragraph, or FinalDraft/Content/Paragraph/DualDialogue/Paragraph. */
    private boolean isBodyParagraph() {
        int size = path.size();
        if (size == 3) {
            return path.get(0).equals(ROOT) && path.get(1).equals("Content");
        }
        return size == 5 && path.get(1).equals("Content") && path.get(2).equals("Paragraph")
                && path.get(3).equals("DualDialogue") && open.size() == 1;
    }

    /** Returns whether the element just pushed is a child of the innermost open paragraph. */
    private boolean isDirectChildOfBodyParagraph() {
        return !open.isEmpty() && currentOpen().depth == path.size() - 1;
    }

    private int depthOfOpen() {
        return open.isEmpty() ? -1 : currentOpen().depth;
    }

    private OpenParagraph currentOpen() {
        return open.get(open.size() - 1);
    }

    private int line() {
        return locator == null ? 0 : locator.getLineNumber();
    }
}
