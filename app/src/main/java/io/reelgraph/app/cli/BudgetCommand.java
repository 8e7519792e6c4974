package io.reelgraph.app.cli;

import io.reelgraph.app.Workspace;
import io.reelgraph.engine.money.BudgetCap;
import io.reelgraph.engine.money.BudgetException;
import io.reelgraph.engine.money.CapScope;
import io.reelgraph.engine.money.CapStatus;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.money.LedgerEntry;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reelgraph budget}: sets and shows budget caps. */
@Command(versionProvider = ReelgraphCommand.Version.class, name = "budget",
        mixinStandardHelpOptions = true,
        description = {"Sets and shows budget caps on what runs may spend, in US dollars.",
            "Caps are checked before a run and again before every paid call; months are"
                    + " calendar months in UTC."},
        subcommands = {BudgetCommand.Set.class, BudgetCommand.Show.class,
            BudgetCommand.Reconcile.class},
        footer = {"", ExitCodes.HELP})
final class BudgetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code reelgraph budget set}: stores one or two caps. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Stores budget caps. Use one of:",
                "  budget set --project NAME [--total USD] [--monthly USD]",
                "  budget set --provider ID --monthly USD",
                "  budget set --run USD"},
            footer = {"", ExitCodes.HELP})
    static final class Set implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--project", paramLabel = "NAME", description = "the project to cap")
        String project;

        @Option(names = "--provider", paramLabel = "ID",
                description = "the provider to cap per month, such as fal or openai")
        String provider;

        @Option(names = "--total", paramLabel = "USD",
                description = "the maximum the project may spend in total, in US dollars")
        BigDecimal total;

        @Option(names = "--monthly", paramLabel = "USD",
                description = "the maximum the project or provider may spend per calendar month"
                        + " (UTC), in US dollars")
        BigDecimal monthly;

        @Option(names = "--run", paramLabel = "USD",
                description = "the default cap of one run, in US dollars; --max-cost of a run"
                        + " applies as well")
        BigDecimal run;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<BudgetCap> caps;
            try {
                caps = caps();
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return ExitCodes.USAGE;
            }
            try (Workspace workspace = Workspace.standard()) {
                H2Budget budget = Budgets.open(workspace);
                for (BudgetCap cap : caps) {
                    budget.setCap(cap);
                    out.println("Set " + cap.describe() + " to $" + BudgetTable.usd(cap.limitUsd())
                            + ".");
                }
                return ExitCodes.OK;
            } catch (CommandFailure failure) {
                err.println(failure.getMessage());
                return failure.exitCode();
            } catch (BudgetException e) {
                err.println(e.getMessage());
                return ExitCodes.INTERNAL;
            }
        }

        /** Returns the caps that the options name; a usage error names the problem. */
        private List<BudgetCap> caps() {
            for (BigDecimal amount : new BigDecimal[] {total, monthly, run}) {
                if (amount != null && amount.signum() < 0) {
                    throw new IllegalArgumentException("A budget cap must be zero or more US"
                            + " dollars, got " + amount.toPlainString());
                }
            }
            int subjects = (project != null ? 1 : 0) + (provider != null ? 1 : 0)
                    + (run != null ? 1 : 0);
            if (subjects != 1) {
                throw new IllegalArgumentException("budget set needs exactly one of --project,"
                        + " --provider or --run; see reelgraph budget set --help");
            }
            List<BudgetCap> caps = new ArrayList<>();
            if (run != null) {
                if (total != null || monthly != null) {
                    throw new IllegalArgumentException("--run takes no --total or --monthly;"
                            + " set project caps with --project NAME");
                }
                caps.add(new BudgetCap(CapScope.RUN, "", run));
            } else if (provider != null) {
                if (total != null || monthly == null) {
                    throw new IllegalArgumentException("--provider " + provider + " takes"
                            + " --monthly USD only; provider caps count calendar months");
                }
                caps.add(new BudgetCap(CapScope.PROVIDER_MONTH, provider, monthly));
            } else {
                if (total == null && monthly == null) {
                    throw new IllegalArgumentException("--project " + project + " needs --total"
                            + " USD, --monthly USD or both");
                }
                if (total != null) {
                    caps.add(new BudgetCap(CapScope.PROJECT_TOTAL, project, total));
                }
                if (monthly != null) {
                    caps.add(new BudgetCap(CapScope.PROJECT_MONTH, project, monthly));
                }
            }
            return caps;
        }
    }

    /** {@code reelgraph budget show}: lists caps with what is spent, reserved and left. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Lists every budget cap with what was spent, is reserved and is"
                    + " left in its period, then the open reservations: calls in flight or of"
                    + " unknown outcome.",
                "Reservations of processes that are gone are reconciled first, as"
                        + " 'budget reconcile' does."},
            footer = {"", ExitCodes.HELP})
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Workspace workspace = Workspace.standard()) {
                Budgets.Opened opened = Budgets.openReconciled(workspace);
                H2Budget budget = opened.budget();
                List<CapStatus> statuses = budget.statuses();
                if (statuses.isEmpty()) {
                    out.println("No budget caps are set; set one with reelgraph budget set.");
                } else {
                    out.print(BudgetTable.render(statuses, budget.currentMonth()));
                }
                if (!opened.reconciled().isEmpty()) {
                    out.println();
                    out.print(BudgetTable.renderReconciled(opened.reconciled()));
                }
                List<LedgerEntry> open = budget.openReservations();
                if (!open.isEmpty()) {
                    out.println();
                    out.print(BudgetTable.renderOpen(open));
                }
                return ExitCodes.OK;
            } catch (CommandFailure failure) {
                err.println(failure.getMessage());
                return failure.exitCode();
            } catch (BudgetException e) {
                err.println(e.getMessage());
                return ExitCodes.INTERNAL;
            }
        }
    }

    /** {@code reelgraph budget reconcile}: settles or releases reservations of gone processes. */
    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = {"Settles or releases the reservations that killed runs left open, so"
                    + " they neither block the caps forever nor disappear without a record.",
                "A reservation's process is gone when it ran on this machine and has ended, or"
                        + " when the reservation has not changed for 24 hours. The job journal"
                        + " then decides: a finished job is settled at its projected cost, a job"
                        + " still open at the provider stays reserved ('reelgraph jobs' lists"
                        + " it), and anything else is released.",
                "Every command that opens the budget reconciles the same way."},
            footer = {"", ExitCodes.HELP})
    static final class Reconcile implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Workspace workspace = Workspace.standard()) {
                Budgets.Opened opened = Budgets.openReconciled(workspace);
                if (opened.reconciled().isEmpty()) {
                    out.println("No open reservation belongs to a process that is gone.");
                } else {
                    out.print(BudgetTable.renderReconciled(opened.reconciled()));
                }
                List<LedgerEntry> open = opened.budget().openReservations();
                if (!open.isEmpty()) {
                    out.println();
                    out.print(BudgetTable.renderOpen(open));
                }
                return ExitCodes.OK;
            } catch (CommandFailure failure) {
                err.println(failure.getMessage());
                return failure.exitCode();
            } catch (BudgetException e) {
                err.println(e.getMessage());
                return ExitCodes.INTERNAL;
            }
        }
    }
}
