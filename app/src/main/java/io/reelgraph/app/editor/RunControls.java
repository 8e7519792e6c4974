package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.node.IntNode;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.Projection;
import io.reelgraph.nodes.catalog.Money;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.swing.JOptionPane;

/**
 * Run, Run Selected Node and Re-roll. Each plans its graph on the engine thread and shows a
 * confirmation with the projected cost, the cache savings and the budget left before it starts
 * the run. Run Selected Node and Re-roll run the selected node and its upstream nodes only.
 */
final class RunControls {

    private final EditorWindow window;
    private final Evaluator evaluator;
    private boolean estimating;

    RunControls(EditorWindow window, Evaluator evaluator) {
        this.window = window;
        this.evaluator = evaluator;
    }

    /** Confirms and runs the whole graph. */
    void runGraph() {
        Graph graph = window.document().graph();
        confirmAndRun(graph, graph, graph, "Run " + graph.name() + "?", "Run");
    }

    /** Confirms and runs the selected node and the nodes upstream of it. */
    void runSelected() {
        Optional<NodeId> node = window.canvas().selectedNode();
        if (node.isEmpty()) {
            window.say("Select a node first; Run Selected Node runs it and its upstream nodes.");
            return;
        }
        Graph graph = window.document().graph();
        confirmAndRun(graph, graph, upstream(graph, node.get()),
                "Run node " + node.get() + " and the nodes upstream of it?", "Run");
    }

    /**
     * Confirms and runs a new variation of the selected node: its {@code variation} param goes
     * up by one, which changes the cache key, so the generation is paid for again. Earlier
     * variations stay in the cache and in the preview strip.
     */
    void reroll() {
        Optional<NodeId> selected = window.canvas().selectedNode();
        Optional<Node> node = selected.flatMap(id -> window.document().graph().node(id));
        if (node.isEmpty()) {
            window.say("Select a model node first; Re-roll makes a new variation of it.");
            return;
        }
        OptionalInt variation = PreviewLoader.variation(node.get());
        if (variation.isEmpty()) {
            window.say("Node " + node.get().id() + " has no variation param, so it cannot be"
                    + " re-rolled; only model nodes make variations.");
            return;
        }
        int next = variation.getAsInt() + 1;
        Graph current = window.document().graph();
        Graph changed = current.withParam(node.get().id(), "variation", IntNode.valueOf(next));
        confirmAndRun(current, changed, upstream(changed, node.get().id()), "Re-roll node "
                + node.get().id() + " as variation " + next + "?", "Re-roll");
    }

    /**
     * Plans {@code toRun}, asks for confirmation, then sets the document to {@code document}
     * and runs. Nothing happens when the document no longer equals {@code base} by then.
     */
    private void confirmAndRun(Graph base, Graph document, Graph toRun, String question,
            String verb) {
        if (window.running() || estimating) {
            window.say("A run or its estimate is in progress; wait for it or cancel it first.");
            return;
        }
        estimating = true;
        window.say("Estimating what the run costs…");
        Path folder = window.document().folder();
        boolean draft = window.draft();
        evaluator.estimate(toRun, folder, draft, estimate -> {
            estimating = false;
            if (!base.equals(window.document().graph())) {
                window.say("The graph changed while the run was being estimated; nothing was"
                        + " sent. " + verb + " again to see the new cost.");
                return;
            }
            Optional<Plan> plan = estimate.outcome().plan();
            if (plan.isEmpty()) {
                window.say("Cannot run: " + estimate.outcome().failure().orElseGet(() ->
                        estimate.outcome().errors().get(0).describe()) + " Nothing was sent.");
                return;
            }
            String message = question + "\n\n" + costLines(plan.get().projection(), draft)
                    + estimate.budgetLine() + "\nOutputs go to "
                    + Evaluator.outputFolder(folder) + ".";
            if (!confirm(message, verb)) {
                window.say(verb + " not confirmed; nothing was sent.");
                return;
            }
            if (!document.equals(window.document().graph())) {
                window.document().edit(document);
            }
            window.startRun(toRun, plan.get());
        });
    }

    private boolean confirm(String message, String verb) {
        Object[] options = {verb, "Cancel"};
        int answer = JOptionPane.showOptionDialog(window, message, verb,
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.QUESTION_MESSAGE, null, options,
                options[1]);
        return answer == 0;
    }

    /** Returns the confirmation's cost lines; the first starts "Projected cost: $". */
    static String costLines(Projection projection, boolean draft) {
        return "Projected cost: " + Money.format(projection.totalUsd()) + " (estimate) for "
                + projection.paidToRun() + " paid items.\n"
                + "Cache savings: " + Money.format(projection.savedUsd()) + ", "
                + projection.paidCached() + " cached items cost nothing.\n"
                + (draft ? "Draft mode: model nodes use the free draft provider.\n" : "");
    }

    /** Returns the graph of {@code node} and every node it depends on, with their connections. */
    static Graph upstream(Graph graph, NodeId node) {
        Set<NodeId> upstreamNodes = new LinkedHashSet<>();
        Deque<NodeId> pending = new ArrayDeque<>(List.of(node));
        while (!pending.isEmpty()) {
            NodeId next = pending.pop();
            if (upstreamNodes.add(next)) {
                pending.addAll(graph.predecessors(next));
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (NodeId id : upstreamNodes) {
            nodes.add(graph.requireNode(id));
        }
        List<Connection> connections = graph.connections().stream()
                .filter(connection -> upstreamNodes.contains(connection.from().node())
                        && upstreamNodes.contains(connection.to().node()))
                .toList();
        return Graph.of(graph.name(), graph.description(), graph.parameters(), nodes,
                connections, graph.extra());
    }
}
