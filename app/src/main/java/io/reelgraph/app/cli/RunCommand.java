package io.reelgraph.app.cli;

import io.reelgraph.app.LoadedGraph;
import io.reelgraph.app.Workspace;
import io.reelgraph.engine.money.BudgetException;
import io.reelgraph.engine.money.BudgetExceededException;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.OutputException;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.nodes.catalog.Money;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reelgraph run}: plans the graph, shows the plan and its projected cost, gets confirmation
 * before spending, runs it with a progress bar and writes the outputs.
 */
@Command(versionProvider = ReelgraphCommand.Version.class, name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a graph and writes its outputs (FCPXML, EDL, media).",
            "Plans first, shows the projected cost and asks before spending; only work that is"
                    + " not cached runs."},
        footer = {"", ExitCodes.HELP})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graph;

    @Option(names = "--draft", description = "runs every model node on the free, offline draft"
            + " provider: placeholder media, marked as drafts, costing nothing")
    boolean draft;

    @Option(names = {"--yes", "-y"}, description = "spends the projected cost without asking")
    boolean yes;

    @Option(names = "--max-cost", paramLabel = "USD",
            description = "refuses to run, before anything is sent, when the projected cost is"
                    + " above this many US dollars")
    BigDecimal maxCost;

    @Option(names = "--out", paramLabel = "DIR",
            description = "folder for the output files (default: out/ beside the graph file)")
    Path out;

    @Option(names = "--project", paramLabel = "NAME",
            description = "the project whose budget caps apply and whose spend ledger records the"
                    + " run (default: the name of the graph file's folder)")
    String project;

    @Option(names = "--report", paramLabel = "FILE",
            description = "writes a JSON report of the run: work items, cost and output files")
    Path report;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "provider calls in flight at once, per provider (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--stop-on-failure",
            description = "stops the whole run at the first failed work item")
    boolean stopOnFailure;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxCost != null && maxCost.signum() < 0) {
            err.println("--max-cost must be zero or more US dollars, got " + maxCost.toPlainString());
            return ExitCodes.USAGE;
        }
        if (concurrency < 1) {
            err.println("--concurrency must be at least 1, got " + concurrency);
            return ExitCodes.USAGE;
        }
        try (Workspace workspace = Workspace.standard()) {
            LoadedGraph loaded = GraphLoading.load(graph, workspace, err);
            Path output = Planning.outputFolder(out, loaded);
            String projectName = Planning.project(project, loaded);
            H2Budget budget = Budgets.open(workspace);
            Planning planning = Planning.of(loaded, workspace, output, draft,
                    Optional.of(budget.guard(projectName, Optional.ofNullable(maxCost),
                            workspace::keyAlias)));
            stdout.print(PlanTable.render(planning.plan));
            stdout.flush();
            planning.requireNoFailures(graph.graph);
            checkMaxCost(planning.plan);
            checkBudget(budget, projectName, planning.plan);
            requireCallableProviders(planning.plan, workspace);
            confirmCost(planning.plan);
            return run(loaded, planning, output, stdout, err);
        } catch (CommandFailure failure) {
            err.println(failure.getMessage());
            return failure.exitCode();
        }
    }

    /** Refuses a run that needs a provider this build cannot call, before anything is sent. */
    private static void requireCallableProviders(Plan plan, Workspace workspace) {
        java.util.SortedSet<String> missing = new java.util.TreeSet<>();
        java.util.SortedSet<String> keyless = new java.util.TreeSet<>();
        for (PlannedItem item : plan.items()) {
            boolean toRun = item.state() == ItemState.WILL_RUN
                    || item.state() == ItemState.BLOCKED_ON_UPSTREAM;
            if (toRun && item.paid() && item.billing().isPresent()
                    && !item.draft()) {
                if (!workspace.providers().has(item.provider())) {
                    missing.add(item.provider());
                } else if (hasNoKey(workspace, item.provider())) {
                    keyless.add(item.provider());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new CommandFailure(ExitCodes.REFUSED, "This build of Reelgraph cannot call"
                    + " provider" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " yet, and the plan needs " + (missing.size() == 1 ? "it" : "them")
                    + "; run with --draft to use the free draft provider. Nothing was sent.");
        }
        if (!keyless.isEmpty()) {
            java.util.List<String> variables = new java.util.ArrayList<>();
            for (String provider : keyless) {
                String variable = workspace.catalog().provider(provider)
                        .map(spec -> spec.keyEnvironmentVariable()).orElse("?");
                variables.add(provider + " (" + variable + ")");
            }
            throw new CommandFailure(ExitCodes.REFUSED, "No key for " + String.join(", ",
                    variables) + "; set the environment variable to your own key, or run with"
                    + " --draft. Nothing was sent.");
        }
    }

    private static boolean hasNoKey(Workspace workspace, String provider) {
        try {
            return workspace.keys().find(provider).isEmpty();
        } catch (IllegalStateException e) {
            throw new CommandFailure(ExitCodes.INVALID_INPUT, e.getMessage()
                    + " Nothing was sent.");
        }
    }

    private void checkMaxCost(Plan plan) {
        BigDecimal projected = plan.projection().totalUsd();
        if (maxCost != null && projected.compareTo(maxCost) > 0) {
            throw new CommandFailure(ExitCodes.REFUSED, "Projected cost $"
                    + projected.stripTrailingZeros().toPlainString() + " is above --max-cost $"
                    + maxCost.stripTrailingZeros().toPlainString() + "; nothing was sent."
                    + " Raise --max-cost, run with --draft, or cut the work.");
        }
    }

    /** Refuses a run whose projection breaks a budget cap, before anything is sent. */
    private void checkBudget(H2Budget budget, String projectName, Plan plan) {
        try {
            budget.check(projectName, plan.projection().totalUsd(), plan.projection().providers(),
                    Optional.ofNullable(maxCost));
        } catch (BudgetExceededException e) {
            throw new CommandFailure(ExitCodes.REFUSED, e.getMessage() + "; nothing was sent."
                    + " Raise the cap with reelgraph budget set, cut the work, or run with"
                    + " --draft.");
        } catch (BudgetException e) {
            throw new CommandFailure(ExitCodes.INTERNAL, e.getMessage());
        }
    }

    private void confirmCost(Plan plan) {
        BigDecimal projected = plan.projection().totalUsd();
        if (projected.signum() == 0 || yes) {
            return;
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new CommandFailure(ExitCodes.REFUSED, "Projected cost " + Money.format(projected)
                    + " needs confirmation, and there is no terminal to ask on; run again with"
                    + " --yes to spend it, or with --draft to run for free. Nothing was sent.");
        }
        String answer = console.readLine("Spend about %s on provider calls? [y/N] ",
                Money.format(projected));
        if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
            throw new CommandFailure(ExitCodes.REFUSED, "Run not confirmed; nothing was sent.");
        }
    }

    private int run(LoadedGraph loaded, Planning planning, Path output, PrintWriter stdout,
            PrintWriter err) {
        RunControl control = new RunControl();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            err.println();
            err.println("Cancelling: no new work starts, and results already paid for are kept;"
                    + " waiting up to 60 s for calls in flight...");
            err.flush();
            control.cancel();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(ExitCodes.CANCELLED);
        }, "reelgraph-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RunOptions options = RunOptions.DEFAULT.withStopOnFirstFailure(stopOnFailure);
            options = new RunOptions(options.concurrencyByProvider(), concurrency,
                    options.stopOnFirstFailure());
            RunResult result;
            long expected = expected(planning.plan);
            try (ProgressView progress = new ProgressView(err, expected, System.console() != null)) {
                result = planning.session.run(loaded.graph(), options, progress, control);
            } catch (OutputException e) {
                throw new CommandFailure(ExitCodes.INTERNAL, e.getMessage()
                        + "\nGenerated results are cached; run again once the folder is fixed.");
            }
            stdout.print(summary(result, output));
            stdout.flush();
            if (!writeReport(loaded, result, err)) {
                return ExitCodes.INTERNAL;
            }
            if (result.cancelled()) {
                return ExitCodes.CANCELLED;
            }
            return result.failed() > 0 || result.skipped() > 0 ? ExitCodes.RUN_FAILED : ExitCodes.OK;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running because of Ctrl-C; it exits with CANCELLED.
            }
        }
    }

    private static long expected(Plan plan) {
        return plan.items().stream().filter(item -> item.state() == ItemState.WILL_RUN
                || item.state() == ItemState.BLOCKED_ON_UPSTREAM).count();
    }

    /** Writes the report if one was asked for; returns false when it could not be written. */
    private boolean writeReport(LoadedGraph loaded, RunResult result, PrintWriter err) {
        if (report == null) {
            return true;
        }
        try {
            ReportJson.write(ReportJson.run(loaded.file(), result), report);
            return true;
        } catch (IOException e) {
            err.println("Failed to write the report " + report + ": " + e.getMessage()
                    + "; the results are cached, so a second run with another --report path"
                    + " costs nothing");
            return false;
        }
    }

    static String summary(RunResult result, Path output) {
        StringBuilder out = new StringBuilder("\n");
        out.append(result.cancelled() ? "Run cancelled: " : "Run finished: ")
                .append(result.total()).append(" work items, ")
                .append(result.executed()).append(" executed, ")
                .append(result.cached()).append(" cached, ")
                .append(result.failed()).append(" failed");
        if (result.skipped() > 0) {
            out.append(", ").append(result.skipped()).append(" skipped after a failure upstream");
        }
        if (result.count(ItemState.CANCELLED) > 0) {
            out.append(", ").append(result.count(ItemState.CANCELLED)).append(" cancelled");
        }
        out.append(".\n");
        out.append("Cost: ").append(Money.format(result.actualUsd())).append(" spent (projected ")
                .append(Money.format(result.projection().totalUsd())).append(", an estimate).\n");
        if (result.draft()) {
            out.append("DRAFT: results come from the free draft provider and are placeholders.\n");
        }
        for (PlannedItem failed : result.failures()) {
            out.append("Failed: node ").append(failed.node()).append(" item ")
                    .append(failed.itemKey()).append(": ")
                    .append(failed.error().orElse(failed.reason())).append('\n');
        }
        List<Path> outputs = result.outputs();
        if (!outputs.isEmpty()) {
            Path folder = output.toAbsolutePath().normalize();
            long media = outputs.stream().filter(path -> path.toString().contains("/media/")).count();
            out.append("Wrote ").append(outputs.size()).append(" files to ").append(folder)
                    .append(":\n");
            for (Path path : outputs) {
                if (!path.toString().contains("/media/")) {
                    out.append("  ").append(folder.relativize(path)).append('\n');
                }
            }
            if (media > 0) {
                out.append("  and ").append(media).append(" media files beside them\n");
            }
        }
        return out.toString();
    }
}
