package io.reelgraph.engine.bench;

import io.reelgraph.engine.cache.InMemoryResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.EvaluationContext;
import io.reelgraph.engine.run.Plan;
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
 * Plans a graph in a fresh session against a warm in-memory cache: every node's cache key is
 * computed and found, and nothing is executed. This is the work of opening a graph whose
 * results are all cached, minus reading the file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g",
    "-Dlogback.configurationFile=io/reelgraph/engine/bench/logback-bench.xml"})
public class PlanBenchmark {

    @Param({"film", "layered"})
    public String shape;

    @Param({"1000", "10000", "100000"})
    public int nodes;

    private BenchTypes types;
    private Engine engine;
    private EvaluationContext context;
    private Graph graph;
    private Path folder;
    private long plans;
    private long keysBefore;
    private long executionsBefore;

    @Setup(Level.Trial)
    public void warmCache() {
        types = new BenchTypes();
        engine = new Engine(types.registry(), new InMemoryResultCache());
        folder = BenchSupport.newFolder("plan");
        context = BenchSupport.context(folder);
        graph = BenchGraphs.of(shape, nodes);
        engine.plan(graph, context);
        BenchSupport.expect("nodes executed while warming the cache", graph.nodeCount(),
                types.executions.get());
    }

    @Setup(Level.Iteration)
    public void resetCounters() {
        plans = 0;
        keysBefore = types.keysComputed.get();
        executionsBefore = types.executions.get();
    }

    @Benchmark
    public Plan planInFreshSession() {
        plans++;
        return engine.session(context).plan(graph);
    }

    @TearDown(Level.Iteration)
    public void checkEveryKeyComputedAndNothingExecuted() {
        BenchSupport.expect("keys computed by " + plans + " plans of " + graph,
                plans * graph.nodeCount(), types.keysComputed.get() - keysBefore);
        BenchSupport.expect("nodes executed by plans against a warm cache", 0,
                types.executions.get() - executionsBefore);
    }

    @TearDown(Level.Trial)
    public void deleteFolder() {
        BenchSupport.delete(folder);
    }
}
