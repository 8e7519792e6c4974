package io.reelgraph.engine.cache;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import java.util.List;
import java.util.Optional;

/**
 * Durable store of work item results by cache key. {@link #commit} returns only once the result
 * is durable: blobs written and synced, then the row committed.
 */
public interface ResultCache extends AutoCloseable {

    Optional<CachedResult> lookup(CacheKey key);

    /** Stores a result; committing a key that is already stored keeps the first result. */
    void commit(CachedResult result);

    /** Stores several results, in one transaction where the store supports it. */
    default void commitAll(List<CachedResult> results) {
        results.forEach(this::commit);
    }

    /** Loads a stored artifact by content hash, for values that refer to media by hash. */
    Optional<Artifact> artifact(ContentHash hash, String mediaType);

    Optional<HistoryEntry> history(String graphId, String nodeId, String itemKey);

    void recordHistory(List<HistoryEntry> entries);

    /** Returns the number of stored results. */
    long size();

    @Override
    void close();
}
