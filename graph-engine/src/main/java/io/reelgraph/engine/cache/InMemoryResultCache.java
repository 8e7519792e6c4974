package io.reelgraph.engine.cache;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.artifact.Item;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.type.OutputFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A result cache in memory, for tests, benchmarks and planning without a database. */
public final class InMemoryResultCache implements ResultCache {

    private final Map<CacheKey, CachedResult> results = new ConcurrentHashMap<>();
    private final Map<ContentHash, Artifact> artifacts = new ConcurrentHashMap<>();
    private final Map<String, HistoryEntry> history = new ConcurrentHashMap<>();

    @Override
    public Optional<CachedResult> lookup(CacheKey key) {
        return Optional.ofNullable(results.get(key));
    }

    @Override
    public void commit(CachedResult result) {
        for (PortValue value : result.outputs().values()) {
            for (Item item : value.items()) {
                artifacts.putIfAbsent(item.artifact().hash(), item.artifact());
            }
        }
        for (OutputFile file : result.files()) {
            artifacts.putIfAbsent(file.content().hash(), file.content());
        }
        results.putIfAbsent(result.key(), result);
    }

    @Override
    public Optional<Artifact> artifact(ContentHash hash, String mediaType) {
        return Optional.ofNullable(artifacts.get(hash));
    }

    @Override
    public Optional<HistoryEntry> history(String graphId, String nodeId, String itemKey) {
        return Optional.ofNullable(history.get(graphId + "\n" + nodeId + "\n" + itemKey));
    }

    @Override
    public void recordHistory(List<HistoryEntry> entries) {
        for (HistoryEntry entry : entries) {
            history.put(entry.graphId() + "\n" + entry.nodeId() + "\n" + entry.itemKey(), entry);
        }
    }

    @Override
    public long size() {
        return results.size();
    }

    @Override
    public void close() {
    }
}
