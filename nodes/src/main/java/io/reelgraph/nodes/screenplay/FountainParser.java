package io.reelgraph.nodes.screenplay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses Fountain 1.1 screenplays into a {@link Screenplay}.
 *
 * <p>Input is UTF-8 of at most {@value #MAX_BYTES} bytes, with or without a byte order mark,
 * with LF, CRLF or mixed line endings. Boneyard ({@code /* *}{@code /}) is dropped, notes
 * ({@code [[ ]]}) become {@link Element.Note} elements, and emphasis markers stay in the text.
 */
public final class FountainParser {

    /** The largest accepted input, 10 MiB. */
    public static final int MAX_BYTES = SourceText.MAX_BYTES;

    private FountainParser() {
    }

    /**
     * Reads and parses a Fountain file; the file's path names the source in messages.
     *
     * @throws IOException when the file cannot be read
     * @throws ScreenplayException when the file is too large, not UTF-8 or binary
     */
    public static Screenplay parse(Path file) throws IOException, ScreenplayException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Reading one byte past the limit is enough to reject a larger file.
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        return parse(file.toString(), bytes);
    }

    /**
     * Parses the bytes of a Fountain file.
     *
     * @param source the file name or label that messages and the screenplay carry
     * @throws ScreenplayException when the bytes are too many, not UTF-8 or binary
     */
    public static Screenplay parse(String source, byte[] content) throws ScreenplayException {
        return parseChecked(source, SourceText.decode(source, content));
    }

    /**
     * Parses Fountain text.
     *
     * @param source the file name or label that messages and the screenplay carry
     * @throws ScreenplayException when the text is over the limit as UTF-8 or contains control
     *     characters of a binary file
     */
    public static Screenplay parse(String source, String text) throws ScreenplayException {
        SourceText.checkText(source, text);
        return parseChecked(source, text);
    }

    private static Screenplay parseChecked(String source, String text) {
        SourceText.Prepared prepared = SourceText.prepare(text);
        Map<String, String> titlePage = new LinkedHashMap<>();
        int bodyStart = TitlePage.read(prepared.lines(), titlePage);

        ScreenplayAssembler assembler = new ScreenplayAssembler(prepared.notes());
        new BodyParser(source, prepared.lines(), bodyStart, assembler).run();
        return assembler.finish(source, titlePage);
    }
}
