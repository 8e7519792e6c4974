package io.reelgraph.nodes.screenplay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The screenplay file formats Reelgraph reads, and the choice between them for one file. */
public enum ScreenplayFormat {

    /** Fountain 1.1 plain text. */
    FOUNTAIN,

    /** Final Draft XML. */
    FDX;

    /** The largest accepted input of either format, 10 MiB. */
    public static final int MAX_BYTES = SourceText.MAX_BYTES;

    /**
     * Returns the format of a file: Final Draft when the name ends in {@code .fdx} or the
     * content starts, after an optional byte order mark and white space, with an XML
     * declaration or a {@code <FinalDraft} tag; Fountain otherwise. Since the content decides
     * for every file not named {@code .fdx}, the same bytes parse the same way under any other
     * name.
     */
    public static ScreenplayFormat of(String source, byte[] content) {
        if (source.toLowerCase(Locale.ROOT).endsWith(".fdx")) {
            return FDX;
        }
        String start = new String(content, 0, Math.min(content.length, 256),
                StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        return start.startsWith("<?xml") || start.startsWith("<" + FdxReader.ROOT)
                ? FDX : FOUNTAIN;
    }

    /**
     * Reads a screenplay file in the format {@link #of} picks; the path names the source in
     * messages.
     *
     * @throws IOException when the file cannot be read
     * @throws ScreenplayException when the file cannot be parsed in its format
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
     * Parses the bytes of a screenplay in the format {@link #of} picks.
     *
     * @param source the file name or label that messages and the screenplay carry
     * @throws ScreenplayException when the bytes cannot be parsed in their format
     */
    public static Screenplay parse(String source, byte[] content) throws ScreenplayException {
        return switch (of(source, content)) {
            case FDX -> FdxParser.parse(source, content);
            case FOUNTAIN -> FountainParser.parse(source, content);
        };
    }
}
