package io.reelgraph.engine.run;

import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import java.util.Optional;
import java.util.Set;

/**
 * Plans and runs one graph again and again, as an editor does while the artist works: each
 * evaluation re-computes only the nodes whose params or inputs changed since the last one.
 * Methods are synchronized, so a session evaluates one graph version at a time.
 */
public final class Session {

    private final Engine engine;
    private final EvaluationContext context;
    private final SessionState state = new SessionState();
    private boolean planned;

    Session(Engine engine, EvaluationContext context) {
        this.engine = engine;
        this.context = context;
    }

    public EvaluationContext context() {
        return context;
    }

    /**
     * Plans the graph: runs every free work item that can run, computes the cache key of every
     * paid item and classifies it. Calls no provider. Free results are committed to the cache.
     *
     * @throws IllegalArgumentException if the graph has a cycle or a node of unknown type;
     *     validate the graph first to get every problem with its node and port
     */
    public synchronized Plan plan(Graph graph) {
        Graph previous = state.plannedGraph;
        Plan previousPlan = state.lastPlan;
        state.plannedGraph = null;
        state.lastPlan = null;
        state.startGeneration();
        planned = true;
        Evaluation evaluation = new Evaluation(graph, state, engine, context);
        Optional<Set<NodeId>> replaced = previous == null ? Optional.empty()
                : previous == graph ? Optional.of(Set.of()) : graph.replacedSince(previous);
        Plan plan;
        if (replaced.isPresent() && previousPlan != null) {
            evaluation.passFrom(replaced.get());
            plan = evaluation.planChanged(previousPlan);
        } else {
            evaluation.pass();
            plan = evaluation.planAll();
        }
        state.plannedGraph = graph;
        state.lastPlan = plan;
        return plan;
    }

    /**
     * Runs the graph: paid items are sent to their providers under the concurrency limits, each
     * result is durable in the cache before it is reported done, and output files are written
     * when the run ends. A run that directly follows {@link #plan} reports the free items that
     * the plan computed as executed.
     */
    public synchronized RunResult run(Graph graph, RunOptions options, RunListener listener,
            RunControl control) {
        state.plannedGraph = null;
        state.lastPlan = null;
        if (!planned) {
            state.startGeneration();
        }
        planned = false;
        Evaluation evaluation = new Evaluation(graph, state, engine, context);
        return new RunLoop(engine, state, evaluation, context, options, listener, control).run();
    }
}
