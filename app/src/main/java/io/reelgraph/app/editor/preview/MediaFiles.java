package io.reelgraph.app.editor.preview;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.file.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes artifacts to files that decoders can open, named by content hash in one folder per
 * editor process, so that one artifact is written once however often it is previewed.
 */
public final class MediaFiles {

    private static final Map<String, String> EXTENSIONS = Map.of("video/mp4", "mp4",
            "video/webm", "webm", "video/quicktime", "mov", "audio/wav", "wav",
            "audio/x-wav", "wav", "audio/mpeg", "mp3", "image/png", "png", "image/jpeg", "jpg",
            "image/webp", "webp");

    private final Path folder;

    public MediaFiles(Path folder) {
        this.folder = folder;
    }

    /** Creates a store in a new temporary folder whose files are deleted when the JVM exits. */
    public static MediaFiles temporary() throws IOException {
        Path folder = Files.createTempDirectory("reelgraph-preview-");
        folder.toFile().deleteOnExit();
        return new MediaFiles(folder);
    }

    /** Returns a file with the bytes of {@code artifact}, writing it on first use. */
    public synchronized Path fileOf(Artifact artifact) throws MediaDecodeException {
        String extension = EXTENSIONS.getOrDefault(artifact.mediaType().toLowerCase(Locale.ROOT),
                "bin");
        Path file = folder.resolve(artifact.hash().hex() + "."
                + extension);
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            AtomicFiles.write(file, artifact.bytesUnsafe());
        } catch (IOException e) {
            throw new MediaDecodeException("Failed to write " + file + " for the preview: "
                    + e.getMessage() + ". Check that the temporary folder is writable.", e);
        }
        file.toFile().deleteOnExit();
        return file;
    }
}
