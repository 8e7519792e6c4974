package io.reelgraph.engine.bench;

import com.fasterxml.jackson.databind.node.TextNode;
import io.reelgraph.engine.cache.InMemoryResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
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
 * Re-plans a film graph after the artist edited the label of one chain's scene node. Before
 * each call, outside the timed part, the graph gets a label never used before on a different
 * chain, so the four nodes of that chain (the edited cone) compute new keys and execute, and
 * nothing else may.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g",
    "-Dlogback.configurationFile=io/reelgraph/engine/bench/logback-bench.xml"})
public class EditReplanBenchmark {

    @Param({"10000", "100000"})
    public int nodes;

    private BenchTypes types;
    private Session session;
    private Graph graph;
    private Path folder;
    private int edits;
    private long keysBefore;
    private long executionsBefore;

    @Setup(Level.Trial)
    public void planOnce() {
        types = new BenchTypes();
        Engine engine = new Engine(types.registry(), new InMemoryResultCache());
        folder = BenchSupport.newFolder("edit");
        session = engine.session(BenchSupport.context(folder));
        graph = BenchGraphs.film(nodes);
        session.plan(graph);
    }

    @Setup(Level.Invocation)
    public void editOneChain() {
        edits++;
        // A stride co-prime with the chain count visits chains all over the graph.
        int chain = (int) ((edits * 7_919L) % BenchGraphs.chains(nodes));
        graph = graph.withParam(NodeId.of(BenchGraphs.sceneOf(chain)), "label",
                TextNode.valueOf("edit " + edits));
        keysBefore = types.keysComputed.get();
        executionsBefore = types.executions.get();
    }

    @Benchmark
    public Plan replanAfterEdit() {
        return session.plan(graph);
    }

    @TearDown(Level.Invocation)
    public void checkExactlyTheEditedConeComputed() {
        BenchSupport.expect("keys computed after edit " + edits, BenchGraphs.CHAIN_LENGTH,
                types.keysComputed.get() - keysBefore);
        BenchSupport.expect("nodes executed after edit " + edits, BenchGraphs.CHAIN_LENGTH,
                types.executions.get() - executionsBefore);
    }

    @TearDown(Level.Trial)
    public void deleteFolder() {
        BenchSupport.delete(folder);
    }
}
