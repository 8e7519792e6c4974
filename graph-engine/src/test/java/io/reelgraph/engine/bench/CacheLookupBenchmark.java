package io.reelgraph.engine.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.cache.H2ResultCache;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up random cache keys in an H2 result cache that contains one million results. Each result
 * looks like a free node's: one inline JSON artifact and a key manifest. The database is built
 * once through {@link H2ResultCache#commitAll} and kept in the folder named by the system
 * property {@code reelgraph.bench.lookupFolder} (default: {@code reelgraph-bench-lookup-<n>} in
 * the system temporary folder), so later runs reuse it when it holds exactly the expected rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g",
    "-Dlogback.configurationFile=io/reelgraph/engine/bench/logback-bench.xml"})
public class CacheLookupBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(CacheLookupBenchmark.class);
    private static final int PROBES = 1 << 16;
    private static final int BATCH = 10_000;

    @Param({"1000000"})
    public int entries;

    private H2ResultCache cache;
    private final CacheKey[] hits = new CacheKey[PROBES];
    private final CacheKey[] misses = new CacheKey[PROBES];
    private int next;
    private long hitLookups;
    private long hitsFound;
    private long missesFound;

    @Setup(Level.Trial)
    public void openOrBuildCache() {
        Path folder = Path.of(System.getProperty("reelgraph.bench.lookupFolder",
                Path.of(System.getProperty("java.io.tmpdir"), "reelgraph-bench-lookup-" + entries)
                        .toString()));
        cache = H2ResultCache.open(folder);
        if (cache.size() != entries) {
            cache.close();
            BenchSupport.delete(folder);
            build(folder);
            cache = H2ResultCache.open(folder);
        }
        BenchSupport.expect("results in the lookup cache", entries, cache.size());
        Random random = new Random(20_240_601L);
        for (int i = 0; i < PROBES; i++) {
            hits[i] = keyOf("entry-" + random.nextInt(entries));
            misses[i] = keyOf("missing-" + i);
        }
    }

    /**
     * Fills the cache through its public API. The database is opened without
     * {@code WRITE_DELAY=0} while building, so each commit is not written to disk at once.
     * That only makes the build faster, because the rows are the same.
     */
    private void build(Path folder) {
        long started = System.nanoTime();
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("cache");
        try (H2ResultCache building = H2ResultCache.open(url, folder.resolve("blobs"))) {
            List<CachedResult> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < entries; i++) {
                batch.add(result(i));
                if (batch.size() == BATCH) {
                    building.commitAll(batch);
                    batch.clear();
                }
            }
            building.commitAll(batch);
        }
        LOG.warn("Built a lookup cache of {} results in {} s", entries,
                (System.nanoTime() - started) / 1_000_000_000);
    }

    private static CacheKey keyOf(String text) {
        return new CacheKey(ContentHash.of(text.getBytes(StandardCharsets.UTF_8)).hex());
    }

    private static CachedResult result(int i) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode value = json.objectNode().put("prompt", "shot " + i + ", 35mm, moody");
        ObjectNode manifest = json.objectNode().put("type", BenchTypes.STEP).put("version", 1);
        manifest.putObject("params").put("label", "prompt-" + i);
        manifest.putObject("inputs").put("in", keyOf("input-" + i).hex());
        return new CachedResult(keyOf("entry-" + i), BenchTypes.STEP, 1,
                Map.of("text", PortValue.single(Artifact.ofJson(value, false))), List.of(),
                Optional.empty(), Optional.empty(), false, BigDecimal.ZERO, Optional.empty(),
                Optional.empty(), Instant.now(), manifest);
    }

    @Benchmark
    public Optional<CachedResult> lookupHit() {
        hitLookups++;
        Optional<CachedResult> found = cache.lookup(hits[next++ & (PROBES - 1)]);
        if (found.isPresent()) {
            hitsFound++;
        }
        return found;
    }

    @Benchmark
    public Optional<CachedResult> lookupMiss() {
        Optional<CachedResult> found = cache.lookup(misses[next++ & (PROBES - 1)]);
        if (found.isPresent()) {
            missesFound++;
        }
        return found;
    }

    @TearDown(Level.Trial)
    public void checkLookupsAndClose() {
        try {
            BenchSupport.expect("stored keys found", hitLookups, hitsFound);
            BenchSupport.expect("missing keys found", 0, missesFound);
        } finally {
            cache.close();
        }
    }
}
