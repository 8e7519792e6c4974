package io.reelgraph.app.editor;

import io.reelgraph.app.Workspace;
import io.reelgraph.app.editor.money.BudgetCheck;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.cache.CacheException;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.file.FolderFileAccess;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.money.BudgetException;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.EvaluationContext;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.OutputException;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.run.Session;
import io.reelgraph.engine.validate.BindingException;
import io.reelgraph.engine.validate.Bindings;
import io.reelgraph.engine.validate.GraphValidator;
import io.reelgraph.engine.validate.ParamResolver;
import io.reelgraph.engine.validate.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and runs the edited graph on one background thread, never on the event dispatch
 * thread, and hands every outcome and run event to the event dispatch thread. Plans are
 * requested after each edit; a plan that an edit made stale before it started is skipped, and
 * one that finished after a newer request is dropped.
 */
public final class Evaluator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final Workspace workspace;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "reelgraph-editor-engine");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong latestPlan = new AtomicLong();
    private final Map<SessionKey, Session> sessions = new HashMap<>();
    private volatile RunControl runControl;
    private volatile List<Path> allowedPaths = List.of();
    private Engine engine;

    public Evaluator(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The outcome of planning: validation problems, the plan, or why neither exists. */
    public record PlanOutcome(Graph graph, boolean draft, List<Problem> problems,
            Optional<Plan> plan, Optional<String> failure) {

        public List<Problem> errors() {
            return problems.stream().filter(Problem::isError).toList();
        }
    }

    /**
     * A plan made for a run confirmation, with a line about the budget: the cap with the least
     * left, or that no cap is set.
     */

    /** The outcome of a run, or why it did not start or failed. */
    public record RunOutcome(Optional<RunResult> result, Optional<String> failure,
            Path outputFolder) {
    }

    /** Plans {@code graph} and hands the outcome to {@code onEventThread} unless it is stale. */
    public void plan(Graph graph, Path folder, boolean draft, Consumer<PlanOutcome> onEventThread) {
        long request = latestPlan.incrementAndGet();
        worker.execute(() -> {
            if (latestPlan.get() != request) {
                return;
            }
            PlanOutcome outcome = planNow(graph, folder, draft);
            SwingUtilities.invokeLater(() -> {
                if (latestPlan.get() == request) {
                    onEventThread.accept(outcome);
                }
            });
        });
    }

    /**
     * Plans {@code graph} for a run confirmation and hands the outcome to {@code onEventThread}.
     * Unlike {@link #plan}, a later request does not drop this one.
     */
    public void estimate(Graph graph, Path folder, boolean draft,
            Consumer<PlanOutcome> onEventThread) {
        worker.execute(() -> {
            PlanOutcome outcome = planNow(graph, folder, draft);
            SwingUtilities.invokeLater(() -> onEventThread.accept(outcome));
        });
    }

    /**
     * Runs {@code graph}: outputs go to {@code out/} in {@code folder}, as with the command line.
     * Run events reach {@code events} on the event dispatch thread.
     */
    public void run(Graph graph, Path folder, boolean draft, RunListener events,
            Consumer<RunOutcome> onEventThread) {
        RunControl control = new RunControl();
        runControl = control;
        worker.execute(() -> {
            RunOutcome outcome = runNow(graph, folder, draft, events, control);
            SwingUtilities.invokeLater(() -> onEventThread.accept(outcome));
        });
    }

    /**
     * Sets the files and folders outside the graph's folder that the user allowed file
     * references to read. Plans and runs requested after this call use them.
     */
    public void allowPaths(List<Path> paths) {
        allowedPaths = List.copyOf(paths);
    }

    /** Cancels the run in progress; finished results stay in the cache. */
    public void cancelRun() {
        RunControl control = runControl;
        if (control != null) {
            control.cancel();
        }
    }

    /**
     * Checks the projection of a plan against the budget caps of the project of {@code folder}
     * and hands the outcome to the event dispatch thread; {@code onFailure} gets the message when
     * the database cannot be read.
     */
    public void checkBudget(Plan plan, Path folder, Consumer<BudgetCheck> onEventThread,
            Consumer<String> onFailure) {
        worker.execute(() -> {
            try {
                BudgetCheck check = BudgetCheck.of(workspace.budget(), BudgetCheck.project(folder),
                        plan.projection());
                SwingUtilities.invokeLater(() -> onEventThread.accept(check));
            } catch (CacheException | BudgetException | IllegalStateException e) {
                LOG.error("Failed to check the budget caps of {}", folder, e);
                SwingUtilities.invokeLater(() -> onFailure.accept("Failed to check the budget"
                        + " caps: " + e.getMessage()));
            }
        });
    }

    /**
     * Loads the work items of {@code node} at its current and earlier variations, with their
     * stored outputs, and hands them to the event dispatch thread.
     */
    void loadPreview(Graph graph, Path folder, boolean draft, NodeId node,
            Consumer<List<PreviewItem>> onEventThread) {
        worker.execute(() -> {
            List<PreviewItem> items;
            try {
                Session session = prepare(graph, folder, draft).session();
                items = new PreviewLoader(session::plan, workspace.cache()).load(graph, node);
            } catch (BindingException | RuntimeException e) {
                LOG.error("Failed to load the preview of node {}", node, e);
                items = List.of();
            }
            List<PreviewItem> loaded = items;
            SwingUtilities.invokeLater(() -> onEventThread.accept(loaded));
        });
    }

    /** Looks up the stored result of {@code item} and hands it to the event dispatch thread. */
    void loadResult(PlannedItem item, Consumer<Optional<CachedResult>> onEventThread) {
        worker.execute(() -> {
            Optional<CachedResult> result = Optional.empty();
            try {
                if (item.key().isPresent()) {
                    result = workspace.cache().lookup(item.key().get());
                }
            } catch (RuntimeException e) {
                LOG.error("Failed to load the result of node {} item {}", item.node(),
                        item.itemKey(), e);
            }
            Optional<CachedResult> loaded = result;
            SwingUtilities.invokeLater(() -> onEventThread.accept(loaded));
        });
    }

    static Path outputFolder(Path folder) {
        return folder.resolve("out");
    }

    private PlanOutcome planNow(Graph graph, Path folder, boolean draft) {
        Prepared prepared;
        try {
            prepared = prepare(graph, folder, draft);
        } catch (BindingException e) {
            return new PlanOutcome(graph, draft, List.of(), Optional.empty(),
                    Optional.of(String.join("; ", e.problems())));
        } catch (CacheException e) {
            return new PlanOutcome(graph, draft, List.of(), Optional.empty(),
                    Optional.of(e.getMessage()));
        }
        if (prepared.problems().stream().anyMatch(Problem::isError)) {
            return new PlanOutcome(graph, draft, prepared.problems(), Optional.empty(),
                    Optional.empty());
        }
        try {
            Plan plan = prepared.session().plan(graph);
            return new PlanOutcome(graph, draft, prepared.problems(), Optional.of(plan),
                    Optional.empty());
        } catch (RuntimeException e) {
            LOG.error("Failed to plan graph {}", graph.name(), e);
            return new PlanOutcome(graph, draft, prepared.problems(), Optional.empty(),
                    Optional.of("Planning failed: " + e.getMessage()));
        }
    }

    private RunOutcome runNow(Graph graph, Path folder, boolean draft, RunListener events,
            RunControl control) {
        Path output = outputFolder(folder);
        try {
            Prepared prepared = prepare(graph, folder, draft);
            List<Problem> errors = prepared.problems().stream().filter(Problem::isError).toList();
            if (!errors.isEmpty()) {
                return failed(output, errors.size() + " problem(s) stop the run, first: "
                        + errors.get(0).describe() + ". Nothing was sent.");
            }
            // The planning session has no spend guard, so the run gets a session whose paid
            // calls reserve their cost under the project's caps before they are sent.
            String project = BudgetCheck.project(folder);
            H2Budget budget = workspace.budget();
            Session guarded = workspace.engine(Optional.of(budget.guard(project,
                    Optional.empty(), workspace::keyAlias))).session(prepared.session().context());
            Plan plan = guarded.plan(graph);
            Optional<String> missing = missingProviders(plan);
            if (missing.isPresent()) {
                return failed(output, missing.get());
            }
            BudgetCheck check = BudgetCheck.of(budget, project, plan.projection());
            if (!check.allowed()) {
                LOG.info("Run refused: graph {}, project {}: {}", graph.name(), project,
                        check.refusal().get());
                return failed(output, check.refusal().get());
            }
            RunListener handOver = event -> SwingUtilities.invokeLater(() -> events.onEvent(event));
            LOG.info("Run started: graph {}, project {}, {} work items, draft {}", graph.name(),
                    project, plan.items().size(), draft);
            RunResult result = guarded.run(graph, RunOptions.DEFAULT, handOver, control);
            LOG.info("Run finished: graph {}, {} executed, {} cached, {} failed", graph.name(),
                    result.executed(), result.cached(), result.failed());
            return new RunOutcome(Optional.of(result), Optional.empty(), output);
        } catch (BindingException e) {
            return failed(output, String.join("; ", e.problems()));
        } catch (OutputException e) {
            return failed(output, e.getMessage()
                    + " Generated results are cached; run again once the folder is fixed.");
        } catch (CacheException | BudgetException e) {
            // Thrown before the run starts or while it runs, so calls may have been sent.
            LOG.error("Run of graph {} failed on the cache database", graph.name(), e);
            return failed(output, "Run failed on the cache database: " + e.getMessage()
                    + " Results already paid for stay in the cache; Budget > Spend shows the"
                    + " calls that were sent.");
        } catch (RuntimeException e) {
            LOG.error("Run of graph {} failed", graph.name(), e);
            return failed(output, "Run failed: " + e.getMessage());
        }
    }

    private static RunOutcome failed(Path output, String message) {
        return new RunOutcome(Optional.empty(), Optional.of(message), output);
    }

    private Optional<String> missingProviders(Plan plan) {
        SortedSet<String> missing = new TreeSet<>();
        for (PlannedItem item : plan.items()) {
            boolean toRun = item.state() == ItemState.WILL_RUN
                    || item.state() == ItemState.BLOCKED_ON_UPSTREAM;
            if (toRun && item.paid() && item.billing().isPresent()
                    && !workspace.providers().has(item.provider())) {
                missing.add(item.provider());
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("This build of Reelgraph cannot call provider(s) "
                + String.join(", ", missing) + " yet, and the plan needs them; turn on Draft to"
                + " use the free draft provider. Nothing was sent.");
    }

    private Prepared prepare(Graph graph, Path folder, boolean draft) throws BindingException {
        Bindings bindings = Bindings.of(graph, Map.of());
        List<Path> allowed = allowedPaths;
        FolderFileAccess files = new FolderFileAccess(folder, allowed);
        List<Problem> problems = GraphValidator.validate(graph, workspace.types(), bindings, files);
        SessionKey key = new SessionKey(folder, draft, bindings, allowed);
        Session session = sessions.get(key);
        if (session == null) {
            if (engine == null) {
                engine = new Engine(workspace.types(), workspace.cache());
            }
            String graphId = ContentHash.of(folder.resolve(graph.name()).toString()
                    .getBytes(StandardCharsets.UTF_8)).shortForm();
            EvaluationContext context = new EvaluationContext(graphId,
                    (node, type) -> ParamResolver.resolve(node, type, bindings), files,
                    outputFolder(folder), draft, bindings.values());
            session = engine.session(context);
            sessions.put(key, session);
        }
        return new Prepared(session, problems);
    }

    @Override
    public void close() {
        cancelRun();
        worker.shutdown();
        try {
            // Waits for a plan in flight, so that the caller can close the cache after this.
            if (!worker.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("The editor's engine thread did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record SessionKey(Path folder, boolean draft, Bindings bindings,
            List<Path> allowedPaths) {
    }

    private record Prepared(Session session, List<Problem> problems) {
    }
}
