package io.reelgraph.engine.type;

import io.reelgraph.engine.artifact.Artifact;
import java.nio.file.Path;

/**
 * A file that a node writes into the output folder when a run finishes, such as an FCPXML
 * export or a media file beside it. The path is relative to the output folder.
 */
public record OutputFile(Path relativePath, Artifact content) {

    public OutputFile {
        if (relativePath.isAbsolute() || relativePath.normalize().startsWith("..")) {
            throw new IllegalArgumentException("Output file path must stay inside the output folder: "
                    + relativePath);
        }
        relativePath = relativePath.normalize();
    }
}
