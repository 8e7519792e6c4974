package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.app.Home;
import io.reelgraph.app.Workspace;
import io.reelgraph.app.cli.ReelgraphCommand;
import io.reelgraph.app.editor.canvas.CanvasListener;
import io.reelgraph.app.editor.money.BudgetCheck;
import io.reelgraph.app.editor.money.BudgetDialog;
import io.reelgraph.app.editor.money.KeysDialog;
import io.reelgraph.app.editor.money.SpendPanel;
import io.reelgraph.app.editor.money.RunConfirmation;
import io.reelgraph.app.editor.canvas.ConnectionRule;
import io.reelgraph.app.editor.canvas.GraphCanvas;
import io.reelgraph.app.editor.canvas.NodeBadges;
import io.reelgraph.engine.file.GraphFile;
import io.reelgraph.engine.file.GraphFileException;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunEvent;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.validate.Problem;
import io.reelgraph.nodes.catalog.Money;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.swing.BorderFactory;
import javax.swing.JCheckBox;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.WindowConstants;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The editor window: palette, canvas, inspector, preview, run panel and a status bar with the
 * projected cost of the next run. Every edit replaces the document's immutable graph and starts
 * a new plan on the background thread. Public methods must be called on the event dispatch
 * thread.
 */
public final class EditorWindow extends JFrame {

    private static final Logger LOG = LoggerFactory.getLogger(EditorWindow.class);

    private final Workspace workspace;
    private final Evaluator evaluator;
    private final EditorDocument document;
    private final GraphCanvas canvas;
    private final InspectorPanel inspector;
    private final PalettePanel palette;
    private final PreviewPanel preview = new PreviewPanel();
    private final RunPanel runPanel = new RunPanel();
    private final JLabel costStatus = new JLabel(" ");
    private final JLabel budgetStatus = new JLabel(" ");
    private final JLabel messageStatus = new JLabel(" ");
    private final JCheckBox draftToggle = new JCheckBox("Draft (free placeholders)");
    private final EditorActions actions;
    private Optional<Evaluator.PlanOutcome> lastPlan = Optional.empty();
    private Map<NodeId, NodeBadges> planBadges = Map.of();
    private final Map<NodeId, Integer> finishedByNode = new HashMap<>();
    private final Map<NodeId, Integer> failedByNode = new HashMap<>();
    private boolean running;
    /** Whether a run waits for its budget check or its confirmation, so Run does nothing. */
    private boolean confirming;
    private int runItems;
    private int runFinished;
    private Runnable afterClose = () -> { };

    private EditorWindow(Workspace workspace, Graph graph, Optional<Path> file) {
        super("Reelgraph");
        this.workspace = workspace;
        this.evaluator = new Evaluator(workspace);
        this.document = new EditorDocument(graph, file);
        this.canvas = new GraphCanvas(new CanvasEdits());
        this.inspector = new InspectorPanel(this::paramEdited);
        this.palette = new PalettePanel(workspace.types(), this::addFromPalette);
        this.actions = new EditorActions(this);
        layoutWindow();
        document.addListener(changed -> documentChanged());
        documentChanged();
    }

    /** Opens a window on a graph file, or on an empty graph when {@code file} is empty. */
    public static EditorWindow open(Workspace workspace, Optional<Path> file)
            throws GraphFileException {
        requireEventDispatchThread();
        Graph graph = file.isPresent() ? GraphFile.read(file.get()) : Graph.empty("Untitled");
        EditorWindow window = new EditorWindow(workspace, graph, file);
        window.setVisible(true);
        window.canvas.fit();
        return window;
    }

    /** Sets what runs once the window has closed, such as releasing the launcher. */
    public void onClosed(Runnable action) {
        this.afterClose = action;
    }

    private void layoutWindow() {
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                actions.close();
            }
        });
        setJMenuBar(actions.menuBar());
        JTabbedPane side = new JTabbedPane();
        side.addTab("Inspector", inspector);
        side.addTab("Preview", preview);
        side.setName("side.tabs");
        JSplitPane center = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, canvas, side);
        center.setResizeWeight(0.72);
        JSplitPane left = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, palette, center);
        left.setDividerLocation(230);
        JSplitPane main = new JSplitPane(JSplitPane.VERTICAL_SPLIT, left, runPanel);
        main.setResizeWeight(0.75);
        costStatus.setName("status.cost");
        messageStatus.setName("status.message");
        draftToggle.setName("toggle.draft");
        draftToggle.addActionListener(event -> requestPlan());
        JPanel status = new JPanel(new BorderLayout(12, 0));
        status.setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
        budgetStatus.setName("status.budget");
        JPanel costs = new JPanel(new BorderLayout(12, 0));
        costs.add(costStatus, BorderLayout.WEST);
        costs.add(budgetStatus, BorderLayout.EAST);
        status.add(costs, BorderLayout.WEST);
        status.add(messageStatus, BorderLayout.CENTER);
        status.add(draftToggle, BorderLayout.EAST);
        getContentPane().add(actions.toolBar(), BorderLayout.NORTH);
        getContentPane().add(main, BorderLayout.CENTER);
        getContentPane().add(status, BorderLayout.SOUTH);
        setSize(new Dimension(1440, 900));
        setLocationRelativeTo(null);
    }

    public EditorDocument document() {
        return document;
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    io.reelgraph.engine.type.NodeTypeRegistry workspaceTypes() {
        return workspace.types();
    }

    /** Turns draft mode on or off, as the Draft toggle does, and plans again. */
    public void setDraft(boolean on) {
        requireEventDispatchThread();
        draftToggle.setSelected(on);
        requestPlan();
    }

    public boolean draft() {
        return draftToggle.isSelected();
    }

    /** Returns the last plan of the current graph, if planning has finished. */
    public Optional<Plan> currentPlan() {
        return lastPlan.filter(outcome -> outcome.graph().equals(document.graph())
                && outcome.draft() == draft()).flatMap(Evaluator.PlanOutcome::plan);
    }

    public boolean running() {
        return running;
    }

    public String costText() {
        return costStatus.getText();
    }

    public String budgetText() {
        return budgetStatus.getText();
    }

    public String messageText() {
        return messageStatus.getText();
    }

    public String runSummary() {
        return runPanel.summaryText();
    }

    // ---- editing

    /** Adds a node of a type at a free spot of the visible canvas and selects it. */
    public NodeId addNode(NodeType type) {
        requireEventDispatchThread();
        NodeId id = freeId(type);
        CanvasListener.Position spot = canvas.freeSpot();
        ObjectNode layout = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        layout.put("x", spot.x());
        layout.put("y", spot.y());
        Node node = Node.of(id.value(), type.id(), type.version()).withLayout(layout);
        document.edit(document.graph().withNode(node));
        canvas.select(Optional.of(id));
        say("Added node " + id + " (" + type.displayName() + ").");
        return id;
    }

    private void addFromPalette(NodeType type) {
        addNode(type);
        // Back on the canvas, Delete, F and Tab act on the new node at once.
        canvas.focusCanvas();
    }

    /** Connects two ports after the same type check the canvas applies while dragging. */
    public boolean connect(Connection connection) {
        requireEventDispatchThread();
        Graph graph = document.graph();
        Optional<PortSpec> output = graph.node(connection.from().node())
                .flatMap(node -> workspace.types().find(node.type()))
                .flatMap(type -> type.output(connection.from().port()));
        Optional<PortSpec> input = graph.node(connection.to().node())
                .flatMap(node -> workspace.types().find(node.type()))
                .flatMap(type -> type.input(connection.to().port()));
        if (output.isEmpty() || input.isEmpty()) {
            say("Cannot connect " + connection + ": one of its ports does not exist.");
            return false;
        }
        Optional<String> rejection = ConnectionRule.rejection(connection.from(),
                output.get().type(), connection.to(), input.get().type());
        if (rejection.isPresent()) {
            say(rejection.get());
            return false;
        }
        Graph changed = graph;
        if (input.get().cardinality() == io.reelgraph.engine.type.Cardinality.ONE) {
            // A single-value input takes one connection, so a new one replaces the old.
            for (Connection old : graph.incoming(connection.to().node())) {
                if (old.to().equals(connection.to())) {
                    changed = changed.withoutConnection(old);
                }
            }
        }
        document.edit(changed.withConnection(connection));
        say("Connected " + connection + ".");
        return true;
    }

    public void delete(Set<NodeId> nodes, Set<Connection> connections) {
        requireEventDispatchThread();
        Graph changed = document.graph();
        for (Connection connection : connections) {
            changed = changed.withoutConnection(connection);
        }
        for (NodeId node : nodes) {
            changed = changed.withoutNode(node);
        }
        document.edit(changed);
    }

    /** Sets a param of a node; the value is stored as given, even when out of range. */
    public void setParam(NodeId node, String param, JsonNode value) {
        requireEventDispatchThread();
        document.edit(document.graph().withParam(node, param, value));
    }

    private void paramEdited(NodeId node, String param, JsonNode value) {
        setParam(node, param, value);
    }

    public void undo() {
        if (document.canUndo()) {
            document.undo();
        }
    }

    public void redo() {
        if (document.canRedo()) {
            document.redo();
        }
    }

    private NodeId freeId(NodeType type) {
        String base = type.id().substring(type.id().lastIndexOf('.') + 1);
        for (int number = 1; ; number++) {
            NodeId candidate = NodeId.of(base + "-" + number);
            if (document.graph().node(candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    // ---- files

    /** Opens a graph file, replacing the document; returns false when it cannot be read. */
    public boolean openFile(Path file) {
        requireEventDispatchThread();
        try {
            Graph graph = GraphFile.read(file);
            document.replace(graph, Optional.of(file));
            canvas.fit();
            say("Opened " + file.toAbsolutePath().normalize() + ".");
            return true;
        } catch (GraphFileException e) {
            showError("Cannot open the graph", e.getMessage());
            return false;
        }
    }

    /** Writes the graph to a file; refuses, with a message, a graph that contains a key. */
    public boolean saveTo(Path file) {
        requireEventDispatchThread();
        try {
            GraphFile.write(document.graph(), file, "reelgraph " + ReelgraphCommand.version());
            document.markSaved(file);
            say("Saved " + file.toAbsolutePath().normalize() + ".");
            return true;
        } catch (GraphFileException e) {
            showError("Cannot save the graph", e.getMessage());
            return false;
        }
    }

    boolean save() {
        Optional<Path> file = document.file();
        return file.isPresent() ? saveTo(file.get()) : saveAs();
    }

    boolean saveAs() {
        JFileChooser chooser = chooser();
        if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return false;
        }
        Path chosen = chooser.getSelectedFile().toPath();
        if (!chosen.getFileName().toString().endsWith(GraphFile.EXTENSION)) {
            chosen = chosen.resolveSibling(chosen.getFileName() + GraphFile.EXTENSION);
        }
        return saveTo(chosen);
    }

    void chooseAndOpen() {
        if (!confirmLosingChanges()) {
            return;
        }
        JFileChooser chooser = chooser();
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            openFile(chooser.getSelectedFile().toPath());
        }
    }

    void newGraph() {
        if (confirmLosingChanges()) {
            document.replace(Graph.empty("Untitled"), Optional.empty());
        }
    }

    private JFileChooser chooser() {
        JFileChooser chooser = new JFileChooser(document.folder().toFile());
        chooser.setFileFilter(new FileNameExtensionFilter("Reelgraph graphs", "reelgraph"));
        return chooser;
    }

    /** Asks before unsaved changes are lost; returns whether to go on. */
    boolean confirmLosingChanges() {
        if (!document.dirty()) {
            return true;
        }
        int answer = JOptionPane.showConfirmDialog(this, "The graph has unsaved changes. Save"
                + " them first?", "Unsaved changes", JOptionPane.YES_NO_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE);
        if (answer == JOptionPane.YES_OPTION) {
            return save();
        }
        return answer == JOptionPane.NO_OPTION;
    }

    /** Closes the window after asking about unsaved changes and cancelling a run. */
    void closeWindow() {
        if (!confirmLosingChanges()) {
            return;
        }
        evaluator.close();
        dispose();
        afterClose.run();
    }

    // ---- planning and running

    void requestPlan() {
        costStatus.setText("Projected next run: planning…");
        evaluator.plan(document.graph(), document.folder(), draft(), this::planned);
    }

    private void planned(Evaluator.PlanOutcome outcome) {
        if (!outcome.graph().equals(document.graph()) || outcome.draft() != draft()) {
            return;
        }
        lastPlan = Optional.of(outcome);
        planBadges = badges(outcome.plan());
        if (outcome.failure().isPresent()) {
            costStatus.setText("Projected next run: unknown");
            say(outcome.failure().get());
            runPanel.clearPlan();
        } else if (outcome.plan().isEmpty()) {
            List<Problem> errors = outcome.errors();
            costStatus.setText("Projected next run: unknown, " + errors.size()
                    + (errors.size() == 1 ? " problem" : " problems") + " to fix");
            say(errors.get(0).describe());
            runPanel.clearPlan();
        } else {
            Plan plan = outcome.plan().get();
            costStatus.setText(costLine(plan));
            runPanel.showPlan(plan);
            evaluator.checkBudget(plan, document.folder(), check -> {
                if (currentPlan().equals(Optional.of(plan))) {
                    budgetStatus.setText(check.leftText());
                    budgetStatus.setToolTipText(check.refusal().orElse(null));
                }
            }, failure -> budgetStatus.setText("Budget left: unknown"));
        }
        if (!running) {
            canvas.showBadges(planBadges);
        }
        refreshSelection();
    }

    private static String costLine(Plan plan) {
        String text = "Projected next run: " + Money.format(plan.projection().totalUsd())
                + " (estimate), " + plan.projection().paidToRun() + " paid items to run, "
                + plan.projection().paidCached() + " cached";
        return plan.draft() ? text + ", DRAFT" : text;
    }

    private Map<NodeId, NodeBadges> badges(Optional<Plan> plan) {
        Map<NodeId, NodeBadges> badges = new HashMap<>();
        if (plan.isEmpty()) {
            return badges;
        }
        for (Map.Entry<NodeId, List<PlannedItem>> node : plan.get().byNode().entrySet()) {
            List<PlannedItem> items = node.getValue();
            boolean paid = items.stream().anyMatch(PlannedItem::paid);
            Optional<BigDecimal> cost = paid
                    ? Optional.of(plan.get().projection().forNode(node.getKey()))
                    : Optional.empty();
            int cached = (int) items.stream().filter(i -> i.state() == ItemState.CACHED).count();
            int failed = (int) items.stream().filter(i -> i.state() == ItemState.FAILED
                    || i.state() == ItemState.SKIPPED).count();
            boolean draftItems = items.stream().anyMatch(PlannedItem::draft);
            badges.put(node.getKey(), new NodeBadges(cost, items.size(), cached, 0, false,
                    failed, draftItems, false));
        }
        return badges;
    }

    /** Re-plans and shows the plan table; the plan after each edit already does the same. */
    void estimate() {
        requestPlan();
        say("Estimating the next run…");
    }

    /**
     * Checks the budget caps, then asks for confirmation with the projected cost, the cache
     * savings and the budget left, then runs on the background thread.
     */
    void run() {
        if (running || confirming) {
            return;
        }
        Optional<Plan> plan = currentPlan();
        if (plan.isEmpty()) {
            say("The plan of the current graph is not ready yet; fix the problems it lists or"
                    + " wait for planning to finish, then run again.");
            return;
        }
        say("Checking the budget caps…");
        confirming = true;
        evaluator.checkBudget(plan.get(), document.folder(), check -> {
            try {
                confirmRun(plan.get(), check);
            } finally {
                confirming = false;
            }
        }, failure -> {
            confirming = false;
            showError("Cannot check the budget", failure + " Nothing was sent.");
        });
    }

    private void confirmRun(Plan plan, BudgetCheck check) {
        if (running || !currentPlan().equals(Optional.of(plan))) {
            say("The graph changed while the budget was checked; run again.");
            return;
        }
        budgetStatus.setText(check.leftText());
        if (!check.allowed()) {
            showError("Run rejected by a budget cap", check.refusal().get());
            return;
        }
        Object[] options = {"Run", "Cancel"};
        int answer = JOptionPane.showOptionDialog(this, RunConfirmation.question(
                document.graph().name(), plan, check, Evaluator.outputFolder(document.folder())),
                "Run the graph", JOptionPane.OK_CANCEL_OPTION, JOptionPane.QUESTION_MESSAGE,
                null, options, options[1]);
        if (answer != 0) {
            say("Run not confirmed; nothing was sent.");
            return;
        }
        startRun(plan);
    }

    private void startRun(Plan plan) {
        running = true;
        actions.runningChanged(true);
        runItems = plan.items().size();
        runFinished = 0;
        finishedByNode.clear();
        failedByNode.clear();
        runPanel.startRun(runItems);
        evaluator.run(document.graph(), document.folder(), draft(), this::runEvent, this::ran);
    }

    void cancelRun() {
        evaluator.cancelRun();
        say("Cancelling: no new work starts; finished results stay in the cache.");
    }

    private void runEvent(RunEvent event) {
        NodeId node;
        if (event instanceof RunEvent.Done done) {
            node = done.node();
        } else if (event instanceof RunEvent.Failed failed) {
            node = failed.node();
            failedByNode.merge(node, 1, Integer::sum);
        } else if (event instanceof RunEvent.Skipped skipped) {
            node = skipped.node();
            failedByNode.merge(node, 1, Integer::sum);
        } else if (event instanceof RunEvent.Cancelled cancelled) {
            node = cancelled.node();
        } else {
            return;
        }
        finishedByNode.merge(node, 1, Integer::sum);
        runFinished++;
        runPanel.advance(runFinished, runItems);
        // The plan's badges are computed once per plan; a run event only adds its counts.
        Map<NodeId, NodeBadges> badges = new HashMap<>(currentPlan().isPresent()
                ? planBadges : Map.of());
        badges.replaceAll((id, badge) -> badge.withRun(finishedByNode.getOrDefault(id, 0),
                finishedByNode.getOrDefault(id, 0) < badge.items(),
                failedByNode.getOrDefault(id, 0)));
        canvas.showBadges(badges);
    }

    private void ran(Evaluator.RunOutcome outcome) {
        running = false;
        actions.runningChanged(false);
        if (outcome.failure().isPresent()) {
            runPanel.finishRun("Run did not finish: " + outcome.failure().get());
            say(outcome.failure().get());
        } else {
            RunResult result = outcome.result().orElseThrow();
            String text = (result.cancelled() ? "Run cancelled: " : "Run finished: ")
                    + result.total() + " work items, " + result.executed() + " executed, "
                    + result.cached() + " cached, " + result.failed() + " failed; spent "
                    + Money.format(result.actualUsd()) + "; wrote " + result.outputs().size()
                    + " files to " + outcome.outputFolder()
                    + (result.draft() ? ". DRAFT placeholders." : ".")
                    + result.failures().stream().findFirst().map(failed -> " First failure: node "
                            + failed.node() + " item " + failed.itemKey() + ": "
                            + failed.error().orElse(failed.reason())).orElse("");
            runPanel.finishRun(text);
            say(text);
            LOG.info(text);
        }
        requestPlan();
    }

    // ---- keys, budget and spend

    void openKeys() {
        KeysDialog.open(this, workspace, Home.vaultFile(), BudgetCheck.project(document.folder()));
    }

    void openBudget() {
        List<String> providers = workspace.catalog().providers().stream()
                .filter(spec -> spec.needsKey()).map(spec -> spec.id()).toList();
        BudgetDialog dialog = BudgetDialog.open(this, workspace.budget(),
                BudgetCheck.project(document.folder()), providers);
        // A changed cap changes the budget left of the next run.
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                requestPlan();
            }
        });
    }

    void openSpend() {
        SpendPanel.openDialog(this, workspace.budget(), BudgetCheck.project(document.folder()));
    }

    // ---- selection, inspector and preview

    private void refreshSelection() {
        Optional<NodeId> selected = canvas.selectedNode();
        Optional<Node> node = selected.flatMap(id -> document.graph().node(id));
        Optional<NodeType> type = node.flatMap(n -> workspace.types().find(n.type()));
        List<Problem> problems = lastPlan.map(Evaluator.PlanOutcome::problems).orElse(List.of())
                .stream().filter(problem -> problem.node().equals(selected)).toList();
        inspector.show(node, type, problems);
        if (node.isEmpty()) {
            preview.showMessage("Select a node to preview its results.");
            return;
        }
        Optional<Plan> plan = currentPlan();
        if (plan.isEmpty()) {
            preview.showMessage("Node " + node.get().id() + ": waiting for the plan.");
            return;
        }
        List<PlannedItem> items = plan.get().byNode().getOrDefault(node.get().id(), List.of());
        NodeId id = node.get().id();
        evaluator.loadOutputs(items, outputs -> {
            if (canvas.selectedNode().equals(Optional.of(id))) {
                preview.showOutputs(id.value(), outputs);
            }
        });
    }

    private void documentChanged() {
        canvas.showGraph(document.graph(), workspace.types());
        String name = document.file().map(path -> path.getFileName().toString())
                .orElse(document.graph().name());
        setTitle((document.dirty() ? "• " : "") + name + " - Reelgraph");
        actions.documentChanged(document);
        refreshSelection();
        requestPlan();
    }

    void say(String message) {
        messageStatus.setText(message);
        messageStatus.setToolTipText(message);
    }

    private void showError(String title, String message) {
        say(message);
        JOptionPane.showMessageDialog(this, message, title, JOptionPane.ERROR_MESSAGE);
    }

    static void requireEventDispatchThread() {
        if (!EventQueue.isDispatchThread()) {
            throw new IllegalStateException("The editor was called from thread "
                    + Thread.currentThread().getName() + "; call it on the event dispatch thread");
        }
    }

    /** Applies canvas edits to the document. */
    private final class CanvasEdits implements CanvasListener {
        @Override
        public void selectionChanged(Optional<NodeId> node) {
            refreshSelection();
        }

        @Override
        public void connectRequested(Connection connection) {
            connect(connection);
        }

        @Override
        public void connectionRejected(String message) {
            say(message);
        }

        @Override
        public void nodesMoved(Map<NodeId, Position> positions) {
            Graph changed = document.graph();
            for (Map.Entry<NodeId, Position> moved : positions.entrySet()) {
                Optional<Node> node = changed.node(moved.getKey());
                if (node.isPresent()) {
                    ObjectNode layout = node.get().layout();
                    layout.put("x", moved.getValue().x());
                    layout.put("y", moved.getValue().y());
                    changed = changed.withLayout(moved.getKey(), layout);
                }
            }
            document.edit(changed);
        }

        @Override
        public void deleteRequested(Set<NodeId> nodes, Set<Connection> connections) {
            delete(nodes, connections);
        }

        @Override
        public void addNodeRequested() {
            palette.focusSearch();
            say("Type a node type and press Enter to add it.");
        }
    }
}
