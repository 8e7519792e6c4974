package io.reelgraph.nodes.screenplay;

import io.reelgraph.engine.file.SecureXml;
import io.reelgraph.nodes.screenplay.Element.Action;
import io.reelgraph.nodes.screenplay.Element.Centered;
import io.reelgraph.nodes.screenplay.Element.Dialogue;
import io.reelgraph.nodes.screenplay.Element.Lyrics;
import io.reelgraph.nodes.screenplay.Element.PageBreak;
import io.reelgraph.nodes.screenplay.Element.Transition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses Final Draft ({@code .fdx}) screenplays into the same {@link Screenplay} model that
 * {@link FountainParser} builds, so breakdowns, prompt templates and cuts treat both alike.
 *
 * <p>Every element keeps the line of its {@code <Paragraph>} tag. Scene numbers come from the
 * {@code Number} attribute of a scene heading. A heading without an INT, EXT or EST prefix,
 * such as {@code SNIPER SCOPE POV}, is read like a forced Fountain heading. Paragraph types that
 * a template defines beyond the standard ones are read as action, as Final Draft prints them.
 * The XML is parsed with {@link SecureXml}, so a file that declares a DOCTYPE is rejected before
 * any entity is read or expanded.
 *
 * <p>NOTE: the title page is not read, because Final Draft stores it as free-form centered
 * paragraphs with no keys such as Title or Author. {@link Screenplay#titlePage()} is empty.
 */
public final class FdxParser {

    /** The largest accepted input, 10 MiB, the same as for Fountain. */
    public static final int MAX_BYTES = SourceText.MAX_BYTES;

    private FdxParser() {
    }

    /**
     * Reads and parses a Final Draft file; the file's path names the source in messages.
     *
     * @throws IOException when the file cannot be read
     * @throws ScreenplayException when the file is too large, is not well-formed XML, declares a
     *     DOCTYPE or is not a Final Draft document
     */
    public static Screenplay parse(Path file) throws IOException, ScreenplayException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        return parse(file.toString(), bytes);
    }

    /**
     * Parses the bytes of a Final Draft file.
     *
     * @param source the file name or label that messages and the screenplay carry
     * @throws ScreenplayException when the bytes are too many, are not well-formed XML, declare
     *     a DOCTYPE or are not a Final Draft document
     */
    public static Screenplay parse(String source, byte[] content) throws ScreenplayException {
        if (content.length > MAX_BYTES) {
            throw SourceText.tooLarge(source, SourceText.lineAt(content, MAX_BYTES));
        }
        List<FdxReader.Paragraph> paragraphs = read(source, content);
        ScreenplayAssembler assembler = new ScreenplayAssembler(List.of());
        new Body(assembler).addAll(paragraphs);
        return assembler.finish(source, Map.of());
    }

    private static List<FdxReader.Paragraph> read(String source, byte[] content)
            throws ScreenplayException {
        FdxReader reader = new FdxReader();
        InputSource input = new InputSource(new ByteArrayInputStream(content));
        input.setSystemId(source);
        try {
            SecureXml.newSaxParser().parse(input, reader);
        } catch (SAXParseException e) {
            throw new ScreenplayException(source, Math.max(1, e.getLineNumber()),
                    describe(e));
        } catch (SAXException e) {
            throw new ScreenplayException(source, 1, e.getMessage());
        } catch (IOException e) {
            // The input is an array in memory, so only a broken parser gets here.
            throw new ScreenplayException(source, 1, "failed to read the XML: " + e.getMessage());
        }
        return reader.paragraphs();
    }

    private static String describe(SAXParseException e) {
        if (SecureXml.isDoctypeRejection(e)) {
            return "the file declares a DOCTYPE, which Reelgraph rejects in screenplays because it"
                    + " can read other files or expand entities without bound; remove the"
                    + " <!DOCTYPE ...> declaration or export the screenplay from Final Draft again";
        }
        if (e.getMessage() != null && e.getMessage().startsWith(FdxReader.WRONG_ROOT)) {
            return e.getMessage();
        }
        return "the file is not well-formed XML (column " + e.getColumnNumber() + ": "
                + e.getMessage() + "); fix the file or export it from Final Draft again";
    }

    /** Turns body paragraphs into elements and scenes, grouping speeches by their cue. */
    private static final class Body {

        private final ScreenplayAssembler assembler;
        private Speech speech;
        private int lastDualBlock;

        Body(ScreenplayAssembler assembler) {
            this.assembler = assembler;
        }

        void addAll(List<FdxReader.Paragraph> paragraphs) {
            for (FdxReader.Paragraph paragraph : paragraphs) {
                add(paragraph);
            }
            closeSpeech();
        }

        private void add(FdxReader.Paragraph paragraph) {
            String text = clean(paragraph.text());
            int line = paragraph.line();
            if (paragraph.startsNewPage()) {
                closeSpeech();
                assembler.add(new PageBreak(line));
            }
            if (text.isEmpty()) {
                // The wrapper of a dual dialogue block and blank paragraphs carry no element.
                return;
            }
            switch (paragraph.type().toLowerCase(Locale.ROOT)) {
                case "scene heading" -> {
                    closeSpeech();
                    assembler.startScene(heading(text, paragraph.number(), line));
                }
                case "character" -> {
                    closeSpeech();
                    speech = new Speech(text, line, isSecondOfDualPair(paragraph));
                }
                case "parenthetical" -> {
                    if (speech != null) {
                        speech.parentheticals.add(text);
                    } else {
                        assembler.add(new Action(text, line));
                    }
                }
                case "dialogue" -> {
                    if (speech != null) {
                        speech.lines.add(text);
                    } else {
                        assembler.add(new Action(text, line));
                    }
                }
                case "lyric", "lyrics" -> addLyrics(text, line);
                case "transition" -> {
                    closeSpeech();
                    assembler.add(new Transition(text, line));
                }
                default -> addAction(paragraph, text, line);
            }
        }

        /**
         * Returns whether a cue is the second or later of its dual dialogue block. Like a
         * Fountain cue with {@code ^}, that cue marks the speech before it as dual as well.
         */
        private boolean isSecondOfDualPair(FdxReader.Paragraph paragraph) {
            int block = paragraph.dualBlock();
            boolean second = block != 0 && block == lastDualBlock;
            lastDualBlock = block;
            return second;
        }

        private void addLyrics(String text, int line) {
            if (speech != null) {
                // Fountain keeps a sung line of a speech with its '~', so FDX does the same.
                text.lines().forEach(lyric -> speech.lines.add("~" + lyric));
                return;
            }
            assembler.add(new Lyrics(text, line));
        }

        private void addAction(FdxReader.Paragraph paragraph, String text, int line) {
            closeSpeech();
            if (paragraph.alignment().equalsIgnoreCase("Center")) {
                text.lines().forEach(centered -> assembler.add(new Centered(centered, line)));
            } else {
                assembler.add(new Action(text, line));
            }
        }

        private void closeSpeech() {
            if (speech != null) {
                assembler.add(speech.toDialogue());
                speech = null;
            }
        }

        private static SceneHeading heading(String text, String number, int line) {
            String oneLine = text.replace('\n', ' ');
            boolean prefixed = SceneHeading.looksLikeHeading(oneLine)
                    && !SceneHeading.isForced(oneLine);
            SceneHeading heading = SceneHeading.parse(prefixed ? oneLine : "." + oneLine, line);
            if (number.isEmpty()) {
                return heading;
            }
            return new SceneHeading(heading.text(), Optional.of(number), heading.intExt(),
                    heading.location(), heading.timeOfDay(), heading.forced(), line);
        }

        /**
         * Normalises the text of a paragraph: line endings become {@code \n}, trailing spaces
         * of each line are dropped, and blank lines at the start and end are removed.
         */
        private static String clean(String text) {
            String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
            List<String> kept = new ArrayList<>();
            for (String line : lines) {
                kept.add(line.stripTrailing());
            }
            return String.join("\n", kept).strip();
        }
    }

    /** A speech being collected: the cue and the paragraphs under it. */
    private static final class Speech {

        final String cue;
        final int line;
        final boolean dual;
        final List<String> parentheticals = new ArrayList<>();
        final List<String> lines = new ArrayList<>();

        Speech(String cue, int line, boolean dual) {
            this.cue = cue.replace('\n', ' ');
            this.line = line;
            this.dual = dual;
        }

        Dialogue toDialogue() {
            // A leading '@' forces the text to be read as a cue, so a name in mixed case or
            // with digits still becomes a character, as Final Draft typed it.
            Optional<Cue> parsed = Cue.parse("@" + cue);
            String character = parsed.map(Cue::character).orElse(cue.toUpperCase(Locale.ROOT));
            List<String> extensions = parsed.map(Cue::extensions).orElse(List.of());
            return new Dialogue(character, cue, extensions, parentheticals,
                    String.join("\n", lines), line, dual);
        }
    }
}
