package io.reelgraph.engine.bench;

import io.reelgraph.engine.cache.InMemoryResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.Session;
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
 * Re-plans an unchanged graph in the session that planned it before, as an editor does after
 * an action that changed nothing. The engine must compute no cache key and execute no node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g",
    "-Dlogback.configurationFile=io/reelgraph/engine/bench/logback-bench.xml"})
public class CachedReevaluationBenchmark {

    @Param({"film", "layered"})
    public String shape;

    @Param({"1000", "10000", "100000"})
    public int nodes;

    private BenchTypes types;
    private Session session;
    private Graph graph;
    private Path folder;
    private long keysBefore;
    private long executionsBefore;

    @Setup(Level.Trial)
    public void planOnce() {
        types = new BenchTypes();
        Engine engine = new Engine(types.registry(), new InMemoryResultCache());
        folder = BenchSupport.newFolder("reevaluate");
        session = engine.session(BenchSupport.context(folder));
        graph = BenchGraphs.of(shape, nodes);
        session.plan(graph);
        BenchSupport.expect("nodes executed by the first plan", graph.nodeCount(),
                types.executions.get());
    }

    @Setup(Level.Iteration)
    public void resetCounters() {
        keysBefore = types.keysComputed.get();
        executionsBefore = types.executions.get();
    }

    @Benchmark
    public Plan replanUnchanged() {
        return session.plan(graph);
    }

    @TearDown(Level.Iteration)
    public void checkNothingComputed() {
        BenchSupport.expect("keys computed re-planning unchanged " + graph, 0,
                types.keysComputed.get() - keysBefore);
        BenchSupport.expect("nodes executed re-planning unchanged " + graph, 0,
                types.executions.get() - executionsBefore);
    }

    @TearDown(Level.Trial)
    public void deleteFolder() {
        BenchSupport.delete(folder);
    }
}
