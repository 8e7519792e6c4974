package io.reelgraph.engine.cache;

import java.util.regex.Pattern;

/**
 * The cache key of a work item: SHA-256 over the node type and version, the params that affect
 * output, the content hashes of the inputs and, for paid work, provider, model, version pin and
 * variation. Never the API key, the key alias, the project or the user.
 */
public record CacheKey(String hex) implements Comparable<CacheKey> {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public CacheKey {
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("Invalid cache key \"" + hex
                    + "\": expected 64 lower-case hex digits");
        }
    }

    public String shortForm() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(CacheKey other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
