package io.reelgraph.app.cli;

import io.reelgraph.app.Workspace;
import io.reelgraph.engine.money.BudgetException;
import io.reelgraph.engine.money.LedgerEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reelgraph spend}: sums the spend ledger, and draws it over time. */
@Command(versionProvider = ReelgraphCommand.Version.class, name = "spend",
        mixinStandardHelpOptions = true,
        description = {"Sums the spend ledger: paid calls, projected and actual cost, and what the"
                + " cache saved (cache hits times their projected cost).",
            "Amounts are US dollars; projections are estimates."},
        footer = {"", ExitCodes.HELP})
final class SpendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--project", paramLabel = "NAME",
            description = "counts only this project (default: every project)")
    String project;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "project",
            description = "groups rows by one of: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE}); day is the UTC date of the call")
    SpendGrouping by;

    @Option(names = "--csv", description = "prints comma-separated values instead of a table")
    boolean csv;

    @Option(names = "--chart", paramLabel = "FILE.png",
            description = "also draws the actual spend over time, per provider, into a PNG file")
    Path chart;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = Workspace.standard()) {
            List<LedgerEntry> entries =
                    Budgets.open(workspace).entries(Optional.ofNullable(project));
            List<SpendTable.Row> rows = SpendTable.group(entries, by);
            out.print(csv ? SpendTable.csv(rows, by) : SpendTable.text(rows, by, project));
            out.flush();
            if (chart != null) {
                SpendChart.write(entries, chart);
                err.println("Wrote the spend chart to " + chart.toAbsolutePath().normalize());
            }
            return ExitCodes.OK;
        } catch (CommandFailure failure) {
            err.println(failure.getMessage());
            return failure.exitCode();
        } catch (BudgetException e) {
            err.println(e.getMessage());
            return ExitCodes.INTERNAL;
        } catch (IOException e) {
            err.println("Failed to write the chart " + chart + ": " + e.getMessage()
                    + "; check that its folder exists and is writable");
            return ExitCodes.INTERNAL;
        }
    }
}
