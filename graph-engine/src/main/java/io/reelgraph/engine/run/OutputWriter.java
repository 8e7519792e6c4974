package io.reelgraph.engine.run;

import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.type.OutputFile;
import java.io.IOException;
import io.reelgraph.engine.file.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a run's output files into the output folder. Each file is written to a temporary file
 * beside it and moved into place, so a reader never sees half a file, and a file whose content
 * is already there is left alone.
 */
final class OutputWriter {

    private OutputWriter() {
    }

    /**
     * Writes the files and returns their paths in path order.
     *
     * @throws OutputException if two work items write different content to one path, or a
     *     file cannot be written
     */
    static List<Path> write(Path folder, List<OutputFile> files) {
        Map<Path, OutputFile> byPath = new TreeMap<>();
        for (OutputFile file : files) {
            OutputFile earlier = byPath.putIfAbsent(file.relativePath(), file);
            if (earlier != null && !earlier.content().hash().equals(file.content().hash())) {
                throw new OutputException("Two work items write different content to "
                        + folder.resolve(file.relativePath())
                        + "; give the nodes that write it different names");
            }
        }
        List<Path> written = new ArrayList<>();
        for (OutputFile file : byPath.values()) {
            Path target = folder.resolve(file.relativePath()).toAbsolutePath().normalize();
            writeOne(target, file.content().hash(), file.content().bytesUnsafe());
            written.add(target);
        }
        return written;
    }

    private static void writeOne(Path target, ContentHash hash, byte[] bytes) {
        try {
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                    && ContentHash.of(Files.readAllBytes(target)).equals(hash)) {
                return;
            }
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new OutputException("Failed to write output file " + target + ": "
                    + e.getMessage() + "; check that the output folder is writable", e);
        }
    }
}
