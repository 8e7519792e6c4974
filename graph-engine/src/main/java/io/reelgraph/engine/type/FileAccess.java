package io.reelgraph.engine.type;

import java.nio.file.Path;

/**
 * Resolves and reads files that a graph refers to. References are resolved relative to the graph
 * file's folder, and a reference that leaves that folder is refused unless the user allowed its
 * folder, because a shared graph must not read files it was never meant to see.
 */
public interface FileAccess {

    /**
     * Resolves a reference to an absolute, normalized path inside an allowed folder.
     *
     * @throws NodeException if the path leaves the allowed folders or is malformed
     */
    Path resolve(String reference) throws NodeException;

    /**
     * Reads a referenced file, at most {@code maxBytes} long.
     *
     * @throws NodeException if the file is missing, unreadable, too large or not allowed
     */
    byte[] read(String reference, long maxBytes) throws NodeException;
}
