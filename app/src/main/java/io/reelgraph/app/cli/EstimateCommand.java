package io.reelgraph.app.cli;

import io.reelgraph.app.LoadedGraph;
import io.reelgraph.app.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reelgraph estimate}: plans a graph and shows what a run would cost. */
@Command(versionProvider = ReelgraphCommand.Version.class, name = "estimate", mixinStandardHelpOptions = true,
        description = {"Plans the graph and shows what a run would cost, per node and provider.",
            "Free nodes run and are cached; no provider is called and nothing is spent."},
        footer = {"", ExitCodes.HELP})
final class EstimateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graph;

    @Option(names = "--draft", description = "estimate with every model node on the free"
            + " draft provider")
    boolean draft;

    @Option(names = "--out", paramLabel = "DIR",
            description = "output folder a run would write to (default: out/ beside the graph)")
    Path out;

    @Option(names = "--project", paramLabel = "NAME",
            description = "the project whose budget caps the estimate is checked against"
                    + " (default: the name of the graph file's folder)")
    String project;

    @Option(names = "--json", description = "prints the plan and projection as JSON")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = Workspace.standard()) {
            LoadedGraph loaded = GraphLoading.load(graph, workspace, err);
            Planning planning = Planning.of(loaded, workspace,
                    Planning.outputFolder(out, loaded), draft);
            if (json) {
                stdout.print(ReportJson.text(ReportJson.plan(loaded.file(), planning.plan)));
            } else {
                stdout.print(PlanTable.render(planning.plan));
                stdout.println(budgetLine(workspace, Planning.project(project, loaded),
                        planning));
            }
            stdout.flush();
            planning.requireNoFailures(graph.graph);
            return ExitCodes.OK;
        } catch (CommandFailure failure) {
            err.println(failure.getMessage());
            return failure.exitCode();
        }
    }

    /** Returns one line that tells whether a run of this plan would fit the project's caps. */
    private static String budgetLine(Workspace workspace, String projectName, Planning planning) {
        try {
            Budgets.open(workspace).check(projectName, planning.plan.projection().totalUsd(),
                    planning.plan.projection().providers(), java.util.Optional.empty());
            return "Budget: the projection fits every cap of project " + projectName + ".";
        } catch (io.reelgraph.engine.money.BudgetExceededException e) {
            return "Budget: a run would be rejected. " + e.getMessage() + ".";
        }
    }
}
