package io.reelgraph.nodes.screenplay;

import io.reelgraph.nodes.screenplay.Element.Note;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of a Fountain file into numbered lines: checks the input, strips the byte order
 * mark, normalises line endings, and removes boneyard ({@code /* *}{@code /}) and notes
 * ({@code [[ ]]}) while keeping every remaining line's source line number.
 */
final class SourceText {

    /** The largest accepted input: 10 MiB of UTF-8. */
    static final int MAX_BYTES = 10 * 1024 * 1024;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** A line of text after boneyard and notes are removed, with its 1-based source line. */
    record Line(String text, int number) {
    }

    /** The lines of a file and the notes taken out of them. */
    record Prepared(List<Line> lines, List<Note> notes) {
    }

    private SourceText() {
    }

    static String decode(String source, byte[] bytes) throws ScreenplayException {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(source, lineAt(bytes, MAX_BYTES));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new ScreenplayException(source, lineAt(bytes, in.position()),
                    "the file is not valid UTF-8 (invalid byte at offset " + in.position()
                            + "); save it as UTF-8 and try again");
        }
        String text = out.flip().toString();
        checkText(source, text);
        return text;
    }

    /** Rejects text that is larger than {@link #MAX_BYTES} as UTF-8 or that looks binary. */
    static void checkText(String source, String text) throws ScreenplayException {
        int line = 1;
        long utf8Bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            utf8Bytes += utf8Length(c);
            if (utf8Bytes > MAX_BYTES) {
                throw tooLarge(source, line);
            }
            if (c == '\n') {
                line++;
            } else if (c < 0x20 && c != '\t' && c != '\r' && c != '\f') {
                throw new ScreenplayException(source, line, String.format(
                        "the text contains the control character U+%04X, so it looks like a"
                                + " binary file rather than a Fountain screenplay", (int) c));
            }
        }
    }

    static ScreenplayException tooLarge(String source, int line) {
        return new ScreenplayException(source, line, "the file is larger than the limit of "
                + MAX_BYTES + " bytes (10 MiB); split the screenplay into smaller files");
    }

    private static int utf8Length(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        // A surrogate pair encodes as 4 bytes in UTF-8, so each half counts 2.
        return Character.isSurrogate(c) ? 2 : 3;
    }

    static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    static Prepared prepare(String text) {
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        return new Remover(text).run();
    }

    /**
     * Returns whether a line is blank. A line of exactly two spaces is not blank: Fountain uses
     * it to keep an empty line inside a speech or a note.
     */
    static boolean isBlank(String line) {
        return line.isBlank() && !line.equals("  ");
    }

    /** One pass over the text that drops boneyard and notes and numbers the lines left. */
    private static final class Remover {

        private final String text;
        private final List<Line> lines = new ArrayList<>();
        private final List<Note> notes = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private int sourceLine = 1;
        private int currentStart = 1;
        private boolean removedOnCurrent;

        Remover(String text) {
            this.text = text;
        }

        Prepared run() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (text.startsWith("/*", i)) {
                    int end = text.indexOf("*/", i + 2);
                    if (end >= 0) {
                        i = remove(i, end + 2);
                        continue;
                    }
                } else if (text.startsWith("[[", i)) {
                    int end = text.indexOf("]]", i + 2);
                    if (end >= 0 && !spansBlankLine(i, end)) {
                        notes.add(new Note(text.substring(i + 2, end).strip(), sourceLine));
                        i = remove(i, end + 2);
                        continue;
                    }
                }
                if (c == '\n') {
                    endLine();
                } else {
                    current.append(c);
                }
                i++;
            }
            endLine();
            return new Prepared(List.copyOf(lines), List.copyOf(notes));
        }

        /** Skips text[start, end), counting its line breaks, and returns the next position. */
        private int remove(int start, int end) {
            for (int i = start; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    sourceLine++;
                }
            }
            removedOnCurrent = true;
            // "an /* inner */ word" leaves one space between "an" and "word", not two.
            boolean spaceBefore = current.length() > 0 && current.charAt(current.length() - 1) == ' ';
            if (spaceBefore && end < text.length() && text.charAt(end) == ' ') {
                return end + 1;
            }
            return end;
        }

        private boolean spansBlankLine(int start, int end) {
            String[] parts = text.substring(start, end).split("\n", -1);
            for (int i = 1; i < parts.length - 1; i++) {
                if (isBlank(parts[i])) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Closes the current line. A line that only held boneyard or notes is dropped rather
         * than kept as a blank line, so it does not split the paragraph around it.
         */
        private void endLine() {
            String line = current.toString();
            if (!(removedOnCurrent && line.isBlank())) {
                lines.add(new Line(line, currentStart));
            }
            current.setLength(0);
            removedOnCurrent = false;
            sourceLine++;
            currentStart = sourceLine;
        }
    }
}
