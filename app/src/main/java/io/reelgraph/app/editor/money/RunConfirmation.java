package io.reelgraph.app.editor.money;

import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.Projection;
import io.reelgraph.nodes.catalog.Money;
import java.nio.file.Path;

/** The confirmation text shown before a run: projected cost, cache savings and budget left. */
public final class RunConfirmation {

    private RunConfirmation() {
    }

    /** Returns the text of the confirmation dialog of a run of {@code plan}. */
    public static String question(String graphName, Plan plan, BudgetCheck check,
            Path outputFolder) {
        return text("Run " + graphName + "?", plan, check, outputFolder);
    }

    /**
     * Returns the text of a confirmation that poses {@code question} about a run of {@code plan},
     * such as a run of one node and its upstream nodes, or a re-roll.
     */
    public static String text(String question, Plan plan, BudgetCheck check, Path outputFolder) {
        Projection projection = plan.projection();
        StringBuilder text = new StringBuilder();
        text.append(question).append("\n\n");
        text.append("Projected cost: ").append(Money.format(projection.totalUsd()))
                .append(" (estimate) for ").append(projection.paidToRun()).append(" paid items.\n");
        text.append("Cache savings: ").append(Money.format(projection.savedUsd())).append(" for ")
                .append(projection.paidCached()).append(" cached items, which cost nothing.\n");
        text.append(check.leftText()).append(".\n");
        if (plan.draft()) {
            text.append("Draft mode: model nodes use the free draft provider.\n");
        }
        text.append("Outputs go to ").append(outputFolder).append('.');
        return text.toString();
    }
}
