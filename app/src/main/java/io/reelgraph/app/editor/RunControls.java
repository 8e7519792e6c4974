package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.node.IntNode;
import io.reelgraph.app.editor.money.RunConfirmation;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.Projection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.swing.JDialog;
import javax.swing.JOptionPane;

/**
 * Run, Run Selected Node and Re-roll. Each shows a confirmation with the projected cost, the
 * cache savings and the budget left before it starts the run. Run Selected Node and Re-roll run
 * the selected node and its upstream nodes only, and Re-roll plans its new variation first.
 */
final class RunControls {

    private static final String PLAN_NOT_READY = "The plan of the current graph is not ready"
            + " yet; fix the problems it lists or wait for planning to finish, then run again.";

    private final EditorWindow window;
    private final Evaluator evaluator;
    /** Whether an estimate or a budget check for a confirmation is in flight. */
    private boolean busy;

    RunControls(EditorWindow window, Evaluator evaluator) {
        this.window = window;
        this.evaluator = evaluator;
    }

    /** Confirms and runs the whole graph, with the plan the editor already has. */
    void runGraph() {
        Graph graph = window.document().graph();
        Optional<Plan> plan = window.currentPlan();
        if (plan.isEmpty()) {
            window.say(PLAN_NOT_READY);
            return;
        }
        confirmAndRun(graph, plan.get().items(), "Run " + graph.name() + "?", "Run", () -> { });
    }

    /**
     * Confirms and runs the selected node and the nodes upstream of it. Their work items have
     * the same cache keys as in the whole graph, so the current plan prices them.
     */
    void runSelected() {
        Optional<NodeId> node = window.canvas().selectedNode();
        if (node.isEmpty()) {
            window.say("Select a node first; Run Selected Node runs it and its upstream nodes.");
            return;
        }
        Optional<Plan> plan = window.currentPlan();
        if (plan.isEmpty()) {
            window.say(PLAN_NOT_READY);
            return;
        }
        Graph upstream = upstream(window.document().graph(), node.get());
        List<PlannedItem> items = plan.get().items().stream()
                .filter(item -> upstream.node(item.node()).isPresent()).toList();
        confirmAndRun(upstream, items, "Run node " + node.get() + " and the nodes upstream of it?",
                "Run", () -> { });
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
        NodeId id = node.get().id();
        Graph changed = window.document().graph().withParam(id, "variation",
                IntNode.valueOf(next));
        // The edit is applied to the document as it is at confirmation, not as it was here.
        Runnable setVariation = () -> {
            Graph current = window.document().graph();
            if (current.node(id).isPresent()) {
                window.document().edit(current.withParam(id, "variation", IntNode.valueOf(next)));
            }
        };
        estimateAndRun(upstream(changed, id), "Re-roll node " + id + " as variation " + next
                + "?", "Re-roll", setVariation);
    }

    /** Plans {@code toRun} on the engine thread, then confirms and runs it. */
    private void estimateAndRun(Graph toRun, String question, String verb, Runnable onConfirm) {
        if (window.running() || busy) {
            window.say("A run or its estimate is in progress; wait for it or cancel it first.");
            return;
        }
        busy = true;
        window.say("Estimating what the run costs…");
        evaluator.estimate(toRun, window.document().folder(), window.draft(), outcome -> {
            busy = false;
            Optional<Plan> plan = outcome.plan();
            if (plan.isEmpty()) {
                window.say("Cannot run: " + outcome.failure().orElseGet(() ->
                        outcome.errors().get(0).describe()) + " Nothing was sent.");
                return;
            }
            confirmAndRun(toRun, plan.get().items(), question, verb, onConfirm);
        });
    }

    /**
     * Checks {@code items} against the budget caps, then shows a confirmation with their
     * projected cost, the cache savings and the budget left. Once confirmed, it runs
     * {@code onConfirm} and starts the run. A projection over a cap sends nothing.
     */
    private void confirmAndRun(Graph toRun, List<PlannedItem> items, String question,
            String verb, Runnable onConfirm) {
        if (window.running() || busy) {
            return;
        }
        Plan plan = new Plan(items, Projection.of(items), window.draft());
        busy = true;
        window.say("Checking the budget caps…");
        evaluator.checkBudget(plan, window.document().folder(), check -> {
            busy = false;
            window.showBudgetLeft(check.leftText(), check.refusal());
            if (window.running()) {
                return;
            }
            if (!check.allowed()) {
                window.showError("Run rejected by a budget cap", check.refusal().get());
                return;
            }
            String message = RunConfirmation.text(question, plan, check,
                    Evaluator.outputFolder(window.document().folder()));
            if (!confirm(message, verb)) {
                window.say(verb + " not confirmed; nothing was sent.");
                return;
            }
            onConfirm.run();
            window.startRun(toRun, plan);
        }, failure -> {
            busy = false;
            window.showError("Cannot check the budget", failure + " Nothing was sent.");
        });
    }

    /** Shows the modal confirmation, named {@code dialog.run}; Cancel is the default. */
    private boolean confirm(String message, String verb) {
        Object[] options = {verb, "Cancel"};
        JOptionPane pane = new JOptionPane(message, JOptionPane.QUESTION_MESSAGE,
                JOptionPane.OK_CANCEL_OPTION, null, options, options[1]);
        JDialog dialog = pane.createDialog(window, verb);
        dialog.setName("dialog.run");
        try {
            dialog.setVisible(true);
        } finally {
            dialog.dispose();
        }
        return options[0].equals(pane.getValue());
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
