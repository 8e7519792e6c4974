package io.reelgraph.app.editor.money;

import io.reelgraph.engine.money.BudgetExceededException;
import io.reelgraph.engine.money.CapScope;
import io.reelgraph.engine.money.CapStatus;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.run.Projection;
import io.reelgraph.nodes.catalog.Money;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The budget caps checked against the projection of the next run, as {@code reelgraph run} checks
 * them before anything is sent.
 *
 * @param project the project whose caps apply and whose ledger records the run
 * @param refusal why the run must not start, naming the cap, the projection and what is left;
 *     empty when the projection fits under every cap
 * @param tightest the applicable cap with the least left, empty when no cap applies
 */
public record BudgetCheck(String project, Projection projection, Optional<String> refusal,
        Optional<CapStatus> tightest) {

    /** Checks a projection against every cap that applies to it. Reads the database. */
    public static BudgetCheck of(H2Budget budget, String project, Projection projection) {
        Optional<String> refusal = Optional.empty();
        try {
            budget.check(project, projection.totalUsd(), projection.providers(),
                    Optional.empty());
        } catch (BudgetExceededException e) {
            refusal = Optional.of(e.getMessage() + "; nothing was sent. Raise the cap in"
                    + " Budget > Budget Caps, cut the work, or turn on Draft.");
        }
        return new BudgetCheck(project, projection, refusal,
                tightest(budget.statuses(), project, projection));
    }

    /**
     * Returns the project of a graph in {@code folder}: the folder's name, the same rule as the
     * command line's default for {@code --project}.
     */
    public static String project(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? "default" : name.toString();
    }

    /** Returns whether the run may start. */
    public boolean allowed() {
        return refusal.isEmpty();
    }

    /** Returns the budget left for the run in words, such as the status bar shows. */
    public String leftText() {
        if (tightest.isEmpty()) {
            return "Budget left: no cap set for project " + project;
        }
        CapStatus status = tightest.get();
        return "Budget left: " + Money.format(status.leftUsd()) + " under "
                + status.cap().describe();
    }

    private static Optional<CapStatus> tightest(List<CapStatus> statuses, String project,
            Projection projection) {
        return statuses.stream()
                .filter(status -> applies(status, project, projection))
                .min(Comparator.comparing(CapStatus::leftUsd));
    }

    private static boolean applies(CapStatus status, String project, Projection projection) {
        CapScope scope = status.cap().scope();
        String subject = status.cap().subject();
        return switch (scope) {
            case RUN -> true;
            case PROJECT_TOTAL, PROJECT_MONTH -> subject.equals(project);
            case PROVIDER_MONTH -> projection.providers().getOrDefault(subject, BigDecimal.ZERO)
                    .signum() > 0;
        };
    }
}
