package io.reelgraph.engine.file;

import io.reelgraph.engine.graph.Graph;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes {@code .reelgraph} graph files (JSON). Reading checks the whole file and
 * reports the first problem with its line and column; a file is untrusted input, so reading is
 * bounded by {@link GraphFileLimits} and never runs code. Writing gives one canonical text per
 * graph (see the layout below), refuses to write anything that looks like an API key, and
 * replaces the file atomically.
 *
 * <p>Unknown node types are not an error here: such a node keeps its params, layout and unknown
 * members and is written back unchanged. Validation against the known node types is a separate
 * step. Canonical layout: 2-space indentation, LF, a final newline, known members in a fixed
 * order, nodes in id order, connections in target order, free-form members sorted by name, and
 * numbers with the exact value and scale they were read with.
 */
public final class GraphFile {

    /** The value of the {@code format} member. */
    public static final String FORMAT = "reelgraph";

    /** The file name extension of graph files. */
    public static final String EXTENSION = ".reelgraph";

    private GraphFile() {
    }

    /** Parses graph file text; {@code sourceName} (usually the file name) starts every error. */
    public static Graph parse(String text, String sourceName) throws GraphFileException {
        return parse(text, sourceName, GraphFileLimits.DEFAULT);
    }

    public static Graph parse(String text, String sourceName, GraphFileLimits limits)
            throws GraphFileException {
        return parse(text, sourceName, limits, GraphFileMigrations.standard());
    }

    /** Parses with the given migration steps; tests use it to run a made-up migration. */
    static Graph parse(String text, String sourceName, GraphFileLimits limits,
            GraphFileMigrations migrations) throws GraphFileException {
        long bytes = utf8Length(text);
        if (bytes > limits.maxBytes()) {
            throw tooLarge(sourceName, bytes, limits);
        }
        JsonTreeReader.LocatedTree tree = new JsonTreeReader(sourceName, limits).read(text);
        return new GraphDecoder(sourceName, limits, migrations).decode(tree);
    }

    public static Graph read(Path file) throws GraphFileException {
        return read(file, GraphFileLimits.DEFAULT);
    }

    /** Reads a graph file; the size limit is checked before any byte is read. */
    public static Graph read(Path file, GraphFileLimits limits) throws GraphFileException {
        String sourceName = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                throw tooLarge(sourceName, size, limits);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new GraphFileException(sourceName, "file not found; check the path", e);
        } catch (IOException e) {
            throw new GraphFileException(sourceName, "reading failed: " + e, e);
        }
        // The file can have grown between the size check and the read.
        if (bytes.length > limits.maxBytes()) {
            throw tooLarge(sourceName, bytes.length, limits);
        }
        return parse(decodeUtf8(bytes, sourceName), sourceName, limits);
    }

    /**
     * Returns the canonical text of a graph.
     *
     * @param writtenBy the program and version that writes, such as {@code reelgraph 0.1.0}
     * @throws GraphFileException if a string in the graph looks like an API key
     */
    public static String toText(Graph graph, String writtenBy) throws GraphFileException {
        SecretScan.check(graph, "graph \"" + graph.name() + "\"");
        return new GraphEncoder().encode(graph, writtenBy);
    }

    /**
     * Writes a graph file atomically: a failure leaves the old file untouched.
     *
     * @throws GraphFileException if a string looks like an API key, or writing failed
     */
    public static void write(Graph graph, Path file, String writtenBy) throws GraphFileException {
        write(graph, file, writtenBy, AtomicFiles.ATOMIC_MOVE);
    }

    static void write(Graph graph, Path file, String writtenBy, AtomicFiles.Move move)
            throws GraphFileException {
        SecretScan.check(graph, file.toString());
        byte[] content = new GraphEncoder().encode(graph, writtenBy)
                .getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(file, content, move);
        } catch (IOException e) {
            throw new GraphFileException(file.toString(), "writing failed, the previous file is "
                    + "unchanged: " + e + "; check that the folder exists and is writable", e);
        }
    }

    private static GraphFileException tooLarge(String sourceName, long bytes,
            GraphFileLimits limits) {
        return new GraphFileException(sourceName, "the file is " + bytes + " bytes, more than the "
                + "limit of " + limits.maxBytes() + " bytes for a graph file; keep media and long "
                + "text in separate files that the graph refers to");
    }

    private static String decodeUtf8(byte[] bytes, String sourceName) throws GraphFileException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            // A byte order mark is allowed by some editors; it is not part of the JSON.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new GraphFileException(sourceName, "the file is not valid UTF-8 text; save it "
                    + "as UTF-8", e);
        }
    }

    private static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
