package io.reelgraph.engine.bench;

import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.testing.GraphBuilder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Runs 200 simulated provider jobs of 1 s each under a concurrency limit of 8, once, into an
 * H2 cache in a temporary folder. The ideal is 200 / 8 x 1 s = 25 s, and the time beyond it is
 * the scheduling and commit overhead of a run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g",
    "-Dlogback.configurationFile=io/reelgraph/engine/bench/logback-bench.xml"})
public class ProviderThroughputBenchmark {

    static final int JOBS = 200;
    static final long JOB_MILLIS = 1_000;
    static final int LIMIT = 8;
    static final double IDEAL_SECONDS = (double) JOBS / LIMIT * JOB_MILLIS / 1000;

    private BenchTypes types;
    private H2ResultCache cache;
    private Engine engine;
    private Path folder;
    private Graph graph;
    private RunResult result;

    @Setup(Level.Iteration)
    public void openCache() {
        types = new BenchTypes(JOB_MILLIS);
        folder = BenchSupport.newFolder("throughput");
        cache = H2ResultCache.open(folder.resolve("cache"));
        engine = new Engine(types.registry(), cache);
        // One paid node mapped over a list of 200 shots: 200 work items of one node.
        graph = GraphBuilder.graph("throughput")
                .node("shots", BenchTypes.LIST, "count", JOBS)
                .node("render", BenchTypes.RENDER, "label", "render")
                .connect("shots.items", "render.prompt")
                .build();
    }

    @Benchmark
    public RunResult runProviderJobs() {
        RunOptions options = RunOptions.DEFAULT.withConcurrency(BenchTypes.PROVIDER, LIMIT);
        result = engine.session(BenchSupport.context(folder))
                .run(graph, options, RunListener.NONE, new RunControl());
        return result;
    }

    @TearDown(Level.Iteration)
    public void checkEveryJobRanOnceWithinTheLimit() {
        try {
            BenchSupport.expect("items executed (jobs and the shot list)", JOBS + 1,
                    result.count(ItemState.EXECUTED));
            BenchSupport.expect("executions (jobs and the shot list)", JOBS + 1,
                    types.executions.get());
            BenchSupport.expect("peak provider jobs in flight", LIMIT, types.renderPeak.get());
            BenchSupport.expect("results in the cache", JOBS + 1, cache.size());
        } finally {
            cache.close();
            BenchSupport.delete(folder);
        }
    }
}
