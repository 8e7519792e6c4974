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
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.Subgraph;
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
import javax.swing.JDialog;
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
    private final SubgraphView view;
    private final SubgraphBar subgraphBar = new SubgraphBar(() -> enterSubgraph(Optional.empty()));
    private final RunControls runControls;
    private final OutputActions outputActions;
    private Optional<Evaluator.PlanOutcome> lastPlan = Optional.empty();
    private Map<NodeId, NodeBadges> planBadges = Map.of();
    private final Map<NodeId, Integer> finishedByNode = new HashMap<>();
    private final Map<NodeId, Integer> failedByNode = new HashMap<>();
    private boolean running;
    private boolean runWhenPlanned;
    private static final int RECENT_MESSAGES = 20;
    private final java.util.ArrayDeque<String> recentMessages = new java.util.ArrayDeque<>();
    private int runItems;
    private int runFinished;
    private Runnable afterClose = () -> { };
    private final Autosave autosave;
    private final RecentFiles recentFiles;
    private final EditorClipboard clipboard;
    private PathConsent pathConsent = new PathConsent();
    private boolean askingConsent;

    private EditorWindow(Workspace workspace, Graph graph, Optional<Path> file) {
        super("Reelgraph");
        this.workspace = workspace;
        this.evaluator = new Evaluator(workspace);
        this.runControls = new RunControls(this, evaluator);
        this.outputActions = new OutputActions(this, evaluator);
        this.document = new EditorDocument(graph, file);
        this.canvas = new GraphCanvas(new CanvasEdits());
        this.inspector = new InspectorPanel(this::paramEdited);
        this.view = new SubgraphView(workspace.types());
        inspector.onExposeChanged(this::exposeChanged);
        this.palette = new PalettePanel(workspace.types(), this::addFromPalette);
        this.autosave = new Autosave(document, Home.folder().resolve("recovery"), writtenBy(),
                this::say);
        this.recentFiles = RecentFiles.load(Home.folder().resolve("recent-files.txt"));
        this.clipboard = new EditorClipboard(this, getToolkit().getSystemClipboard(),
                writtenBy());
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
        file.ifPresent(window.recentFiles::add);
        EventQueue.invokeLater(window::offerRecovery);
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
        GraphFileDrop drop = new GraphFileDrop(this::openDropped, this::say);
        setTransferHandler(drop);
        canvas.setDropHandler(drop);
        JTabbedPane side = new JTabbedPane();
        side.addTab("Inspector", inspector);
        side.addTab("Preview", preview);
        side.setName("side.tabs");
        JPanel canvasArea = new JPanel(new BorderLayout());
        canvasArea.add(subgraphBar, BorderLayout.NORTH);
        canvasArea.add(canvas, BorderLayout.CENTER);
        JSplitPane center = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, canvasArea, side);
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
        return planOfCurrentGraph().flatMap(Evaluator.PlanOutcome::plan);
    }

    public boolean running() {
        return running;
    }

    /** Returns the status the run panel shows for one work item, for tests. */
    public String workItemStatus(NodeId node, String item) {
        return runPanel.itemStatus(node.value(), item);
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
        document.edit(SubgraphEdits.addNode(document.graph(), node, view.inside()));
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
            if (document.graph().node(candidate).isEmpty()
                    && document.graph().subgraph(candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    // ---- subgraphs

    /** Groups the selected nodes into a new subgraph and selects it (Ctrl+G). */
    public Optional<NodeId> groupSelection() {
        return group(canvas.selectedNodes());
    }

    /** Groups nodes into a new subgraph and selects it, or shows in the status bar why not. */
    public Optional<NodeId> group(Set<NodeId> nodes) {
        requireEventDispatchThread();
        if (view.inside().isPresent()) {
            say("Subgraphs do not nest: exit this subgraph to group nodes.");
            return Optional.empty();
        }
        NodeId id = SubgraphEdits.freeId(document.graph());
        try {
            document.edit(SubgraphEdits.group(document.graph(), nodes, id));
        } catch (IllegalArgumentException e) {
            say(e.getMessage());
            return Optional.empty();
        }
        canvas.select(Optional.of(id));
        say("Grouped " + nodes.size() + " nodes into subgraph " + id + ".");
        return Optional.of(id);
    }

    /** Ungroups the selected subgraph, or the one whose inside is shown (Ctrl+Shift+G). */
    public boolean ungroupSelection() {
        Optional<NodeId> target = view.inside()
                .or(() -> canvas.selectedNode().filter(id -> document.graph().subgraph(id)
                        .isPresent()));
        if (target.isEmpty()) {
            say("Select a subgraph to ungroup.");
            return false;
        }
        return ungroup(target.get());
    }

    /** Ungroups a subgraph: its members show again at the positions they had inside it. */
    public boolean ungroup(NodeId subgraph) {
        requireEventDispatchThread();
        Optional<Subgraph> found = document.graph().subgraph(subgraph);
        if (found.isEmpty()) {
            say("There is no subgraph " + subgraph + " to ungroup.");
            return false;
        }
        view.enter(Optional.empty());
        document.edit(document.graph().withoutSubgraph(subgraph));
        canvas.selectNodes(found.get().members());
        say("Ungrouped subgraph " + subgraph + " into " + found.get().members().size()
                + " nodes.");
        return true;
    }

    /** Shows the inside of a subgraph, or the whole graph when {@code subgraph} is empty. */
    public void enterSubgraph(Optional<NodeId> subgraph) {
        requireEventDispatchThread();
        Optional<NodeId> left = view.inside();
        view.enter(subgraph.filter(id -> document.graph().subgraph(id).isPresent()));
        canvas.showGraph(view.update(document.graph()), view.types());
        canvas.showBadges(view.badges(planBadges));
        subgraphBar.show(document.graph().name(),
                view.inside().flatMap(id -> document.graph().subgraph(id)));
        // Members keep their positions inside, so the zoom and scroll stay as they are.
        canvas.select(view.inside().isPresent() ? Optional.empty() : left);
        refreshSelection();
    }

    /** Returns the subgraph whose inside the canvas shows, or empty at the top level. */
    public Optional<NodeId> shownSubgraph() {
        return view.inside();
    }

    /** Exposes a member param on its subgraph, or hides it again. */
    public void exposeChanged(NodeId subgraph, ExposedParam param, boolean exposed) {
        requireEventDispatchThread();
        document.graph().subgraph(subgraph).ifPresent(found -> document.edit(
                document.graph().withSubgraph(SubgraphEdits.expose(found, param, exposed))));
    }

    /** Sets an exposed param of a subgraph, which sets the param of its member node. */
    public void setExposedParam(NodeId subgraph, String exposedName, JsonNode value) {
        requireEventDispatchThread();
        document.edit(document.graph().withExposedParam(subgraph, exposedName, value));
    }

    private void showSubgraph(Subgraph subgraph) {
        List<Problem> problems = lastPlan.map(Evaluator.PlanOutcome::problems).orElse(List.of())
                .stream().filter(problem -> problem.node().map(subgraph::contains).orElse(false))
                .toList();
        inspector.showSubgraph(subgraph, document.graph(), workspace.types(), problems);
        preview.showMessage("Subgraph " + subgraph.id() + ": open it (Enter) and select a"
                + " member node to preview its results.");
    }

    // ---- files

    /** Opens a graph file, replacing the document; returns false when it cannot be read. */
    public boolean openFile(Path file) {
        requireEventDispatchThread();
        try {
            Graph graph = GraphFile.read(file);
            // Consent given for one graph does not carry over to the next.
            pathConsent = new PathConsent();
            evaluator.allowPaths(List.of());
            document.replace(graph, Optional.of(file));
            canvas.fit();
            recentFiles.add(file);
            say("Opened " + file.toAbsolutePath().normalize() + ".");
            EventQueue.invokeLater(this::offerRecovery);
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
            GraphFile.write(document.graph(), file, writtenBy());
            document.markSaved(file);
            recentFiles.add(file);
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

    /** Opens a graph file dropped on the window, after asking about unsaved changes. */
    public void openDropped(Path file) {
        requireEventDispatchThread();
        if (confirmLosingChanges()) {
            openFile(file);
        }
    }

    /** Opens a file from Open Recent; a file that is gone is removed from the list. */
    void openRecent(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            recentFiles.removeMissing();
            say("Removed " + file + " from Open Recent because the file no longer exists.");
            return;
        }
        if (confirmLosingChanges()) {
            openFile(file);
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
        Object[] options = {"Save", "Discard", "Cancel"};
        int answer = JOptionPane.showOptionDialog(this, "The graph has unsaved changes. Save"
                + " them first?", "Unsaved changes", JOptionPane.YES_NO_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE, null, options, options[0]);
        if (answer == 0) {
            return save();
        }
        if (answer == 1) {
            // Discarded changes must not come back as a recovery offer on the next open.
            autosave.discard();
            return true;
        }
        return false;
    }

    /** Closes the window after asking about unsaved changes and cancelling a run. */
    void closeWindow() {
        if (!confirmLosingChanges()) {
            return;
        }
        autosave.discard();
        autosave.close();
        evaluator.close();
        canvas.dispose();
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
            canvas.showReasons(view.reasons(RunReasons.of(plan)));
            evaluator.checkBudget(plan, document.folder(), check -> {
                if (currentPlan().equals(Optional.of(plan))) {
                    budgetStatus.setText(check.leftText());
                    budgetStatus.setToolTipText(check.refusal().orElse(null));
                }
            }, failure -> budgetStatus.setText("Budget left: unknown"));
        }
        if (!running) {
            canvas.showBadges(view.badges(planBadges));
        }
        refreshSelection();
        if (runWhenPlanned) {
            runWhenPlanned = false;
            // After this event, so the plan table and badges are up before the modal dialog.
            EventQueue.invokeLater(this::run);
        }
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
     * Checks the budget caps, then requests confirmation with the projected cost, the cache
     * savings and the budget left, then runs on the background thread. While the current graph
     * is still being planned, the confirmation follows once its plan is ready, so a run request
     * always ends in the dialog or in a message that gives the reason.
     */
    void run() {
        if (running) {
            return;
        }
        Optional<Plan> plan = currentPlan();
        if (plan.isEmpty()) {
            if (planOfCurrentGraph().isEmpty()) {
                runWhenPlanned = true;
                say("Planning the current graph; the run confirmation follows.");
            } else {
                say("The current graph has no plan; fix the problems it lists, then run again.");
            }
            return;
        }
        runControls.runGraph();
    }

    private Optional<Evaluator.PlanOutcome> planOfCurrentGraph() {
        return lastPlan.filter(outcome -> outcome.graph().equals(document.graph())
                && outcome.draft() == draft());
    }

    void runSelected() {
        runControls.runSelected();
    }

    void reroll() {
        runControls.reroll();
    }

    void openOutputFolder() {
        outputActions.openOutputFolder();
    }

    void exportCut() {
        outputActions.exportCut();
    }

    /** Exports the stored timeline of a cut node to a file, as File > Export Cut does. */
    void exportCut(NodeId node, Path target) {
        requireEventDispatchThread();
        outputActions.exportCut(node, target);
    }

    /** Shows the budget left for the next run in the status bar. */
    void showBudgetLeft(String text, Optional<String> refusal) {
        budgetStatus.setText(text);
        budgetStatus.setToolTipText(refusal.orElse(null));
    }

    /** Starts a run of {@code graph}, the document or the part of it upstream of one node. */
    void startRun(Graph graph, Plan plan) {
        running = true;
        actions.runningChanged(true);
        runItems = plan.items().size();
        runFinished = 0;
        finishedByNode.clear();
        failedByNode.clear();
        runPanel.startRun(plan);
        evaluator.run(graph, document.folder(), draft(), this::runEvent, this::ran);
    }

    void cancelRun() {
        evaluator.cancelRun();
        say("Cancelling: no new work starts; finished results stay in the cache.");
    }

    private void runEvent(RunEvent event) {
        runPanel.itemEvent(event);
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
        canvas.showBadges(view.badges(badges));
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
        // The run filled the cache, so the plan from before it is stale until planned again.
        lastPlan = Optional.empty();
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
        Optional<Subgraph> subgraph = selected.flatMap(id -> document.graph().subgraph(id));
        if (subgraph.isPresent()) {
            showSubgraph(subgraph.get());
            return;
        }
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
        NodeId id = node.get().id();
        evaluator.loadPreview(document.graph(), document.folder(), draft(), id, items -> {
            if (canvas.selectedNode().equals(Optional.of(id))) {
                preview.showItems(id.value(), items);
            }
        });
    }

    private void documentChanged() {
        canvas.showGraph(view.update(document.graph()), view.types());
        subgraphBar.show(document.graph().name(),
                view.inside().flatMap(id -> document.graph().subgraph(id)));
        String name = document.file().map(path -> path.getFileName().toString())
                .orElse(document.graph().name());
        setTitle((document.dirty() ? "*" : "") + name + " - Reelgraph");
        actions.documentChanged(document);
        refreshSelection();
        requestPlan();
        if (!askingConsent && !pathConsent.unanswered(document.graph(), workspace.types(),
                document.folder()).isEmpty()) {
            askingConsent = true;
            EventQueue.invokeLater(this::askPathConsent);
        }
    }

    /** Asks about each file reference outside the graph's folder, then plans again. */
    private void askPathConsent() {
        List<PathConsent.OutsideReference> open = pathConsent.unanswered(document.graph(),
                workspace.types(), document.folder());
        for (PathConsent.OutsideReference reference : open) {
            PathConsent.Decision decision = PathConsentDialog.ask(this, reference,
                    document.folder());
            pathConsent.record(reference, decision);
            if (decision == PathConsent.Decision.DENY) {
                say("Denied: node " + reference.node() + ", param " + reference.param()
                        + " may not read " + reference.path() + "; the node stays in error.");
            }
        }
        askingConsent = false;
        evaluator.allowPaths(pathConsent.allowedPaths());
        requestPlan();
    }

    /** Returns the validation problems of the last plan of the current graph. */
    List<Problem> problems() {
        return lastPlan.filter(outcome -> outcome.graph().equals(document.graph()))
                .map(Evaluator.PlanOutcome::problems).orElse(List.of());
    }

    /** Offers to restore the recovery file of the document's graph, if autosave left one. */
    void offerRecovery() {
        Optional<Autosave.Recovery> found;
        try {
            found = autosave.pending();
        } catch (java.io.IOException e) {
            LOG.warn("Failed to look for a recovery file", e);
            return;
        }
        if (found.isEmpty()) {
            return;
        }
        RecoveryDialog.Choice choice = RecoveryDialog.ask(this, found.get());
        if (choice == RecoveryDialog.Choice.KEEP) {
            say("Kept the recovered changes in " + found.get().file()
                    + "; they are offered again when this graph is opened.");
            return;
        }
        if (choice == RecoveryDialog.Choice.DISCARD) {
            autosave.discard(found.get());
            say("Discarded the recovered changes.");
            return;
        }
        try {
            Graph recovered = GraphFile.read(found.get().file());
            // An edit, not a replace: the restored changes are unsaved, and Undo returns to
            // the graph file as it was saved.
            document.edit(recovered);
            autosave.adopt(found.get());
            say("Restored the unsaved changes from " + found.get().file() + ".");
        } catch (GraphFileException e) {
            showError("Cannot restore the recovered changes", e.getMessage());
        }
    }

    RecentFiles recentFiles() {
        return recentFiles;
    }

    Autosave autosave() {
        return autosave;
    }

    EditorClipboard clipboard() {
        return clipboard;
    }

    private static String writtenBy() {
        return "reelgraph " + ReelgraphCommand.version();
    }

    void say(String message) {
        messageStatus.setText(message);
        messageStatus.setToolTipText(message);
        recentMessages.addLast(message);
        if (recentMessages.size() > RECENT_MESSAGES) {
            recentMessages.removeFirst();
        }
    }

    /**
     * Returns the last messages of the status bar, oldest first. A plan that finishes right
     * after an action can replace the action's message, and this keeps both.
     */
    public List<String> recentMessages() {
        return List.copyOf(recentMessages);
    }

    void showError(String title, String message) {
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
            connect(view.toDocument(connection));
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
                changed = SubgraphEdits.moved(changed, moved.getKey(), moved.getValue());
            }
            document.edit(changed);
        }

        @Override
        public void deleteRequested(Set<NodeId> nodes, Set<Connection> connections) {
            Set<Connection> inDocument = new java.util.LinkedHashSet<>();
            connections.forEach(connection -> inDocument.add(view.toDocument(connection)));
            delete(view.membersOf(nodes), inDocument);
        }

        @Override
        public void openRequested(NodeId node) {
            if (document.graph().subgraph(node).isPresent()) {
                enterSubgraph(Optional.of(node));
            }
        }

        @Override
        public void addNodeRequested() {
            palette.focusSearch();
            say("Type a node type and press Enter to add it.");
        }
    }
}
