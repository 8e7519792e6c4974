package io.reelgraph.engine.file;

/**
 * Limits that a graph file must stay within. A shared graph file is untrusted input, so each
 * limit bounds the memory and time that reading it can take.
 *
 * @param maxBytes maximum file size in bytes (UTF-8)
 * @param maxDepth maximum nesting depth of JSON objects and arrays
 * @param maxNodes maximum number of nodes
 * @param maxConnections maximum number of connections
 * @param maxStringLength maximum length of one string or member name, in characters
 */
public record GraphFileLimits(long maxBytes, int maxDepth, int maxNodes, int maxConnections,
        int maxStringLength) {

    /** The limits used when none are given: 16 MiB, depth 64, 200,000 nodes, 1,000,000
     * connections and 1 MiB strings. */
    public static final GraphFileLimits DEFAULT =
            new GraphFileLimits(16L * 1024 * 1024, 64, 200_000, 1_000_000, 1024 * 1024);

    public GraphFileLimits {
        if (maxBytes < 1 || maxDepth < 4 || maxNodes < 0 || maxConnections < 0
                || maxStringLength < 1) {
            throw new IllegalArgumentException("Invalid graph file limits: bytes " + maxBytes
                    + ", depth " + maxDepth + " (at least 4), nodes " + maxNodes
                    + ", connections " + maxConnections + ", string length " + maxStringLength);
        }
    }
}
