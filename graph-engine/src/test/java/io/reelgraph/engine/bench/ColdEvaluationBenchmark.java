package io.reelgraph.engine.bench;

import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.cache.InMemoryResultCache;
import io.reelgraph.engine.cache.ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import java.nio.file.Path;
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

/**
 * Runs a graph of free nodes against an empty cache, so every node executes and every result
 * is committed: once into an {@link InMemoryResultCache}, once into an {@link H2ResultCache} in
 * a temporary folder, where each commit syncs its blob file and folder before the row is
 * written. Each measured call gets a new, empty cache.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g",
    "-Dlogback.configurationFile=io/reelgraph/engine/bench/logback-bench.xml"})
public class ColdEvaluationBenchmark {

    /** A graph and an engine on a new, empty cache for each iteration. */
    @State(Scope.Benchmark)
    public abstract static class Target {

        BenchTypes types;
        Graph graph;
        Engine engine;
        ResultCache cache;
        Path folder;
        RunResult result;

        abstract ResultCache openCache(Path cacheFolder);

        abstract Graph buildGraph();

        @Setup(Level.Trial)
        public void prepareGraph() {
            graph = buildGraph();
        }

        @Setup(Level.Iteration)
        public void openEmptyCache() {
            types = new BenchTypes();
            folder = BenchSupport.newFolder("cold");
            cache = openCache(folder.resolve("cache"));
            engine = new Engine(types.registry(), cache);
        }

        RunResult run() {
            result = engine.session(BenchSupport.context(folder))
                    .run(graph, RunOptions.DEFAULT, RunListener.NONE, new RunControl());
            return result;
        }

        @TearDown(Level.Iteration)
        public void checkEveryNodeExecutedAndCommitted() {
            try {
                BenchSupport.expect("nodes executed", graph.nodeCount(), types.executions.get());
                BenchSupport.expect("items executed", graph.nodeCount(), result.executed());
                BenchSupport.expect("results in the cache", graph.nodeCount(), cache.size());
            } finally {
                cache.close();
                BenchSupport.delete(folder);
            }
        }
    }

    /** Target with an in-memory cache. */
    @State(Scope.Benchmark)
    public static class MemoryTarget extends Target {

        @Param({"film", "layered"})
        public String shape;

        @Param({"10000"})
        public int nodes;

        @Override
        Graph buildGraph() {
            return BenchGraphs.of(shape, nodes);
        }

        @Override
        ResultCache openCache(Path cacheFolder) {
            return new InMemoryResultCache();
        }
    }

    /**
     * Target with an H2 cache and blob store in a temporary folder. One shot takes tens of
     * seconds, so only the film shape runs, without warmup.
     */
    @State(Scope.Benchmark)
    public static class H2Target extends Target {

        @Param({"film"})
        public String shape;

        @Param({"10000"})
        public int nodes;

        @Override
        Graph buildGraph() {
            return BenchGraphs.of(shape, nodes);
        }

        @Override
        ResultCache openCache(Path cacheFolder) {
            return H2ResultCache.open(cacheFolder);
        }
    }

    @Benchmark
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public RunResult intoMemory(MemoryTarget target) {
        return target.run();
    }

    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 3)
    public RunResult intoH2(H2Target target) {
        return target.run();
    }
}
