package io.reelgraph.app.editor.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.money.BudgetCap;
import io.reelgraph.engine.money.CapScope;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.money.Reservation;
import io.reelgraph.engine.money.SpendGuard;
import io.reelgraph.engine.money.SpendRequest;
import java.awt.GraphicsEnvironment;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.swing.JDialog;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The budget dialog and the spend panel on a real H2 budget store. */
class BudgetDialogTest {

    @TempDir
    Path temp;

    private H2ResultCache cache;
    private H2Budget budget;
    private Robot robot;
    private DialogFixture dialog;

    @BeforeEach
    void openStore() {
        cache = H2ResultCache.open(temp.resolve("cache"));
        budget = new H2Budget(cache.dataSource());
    }

    @AfterEach
    void closeStore() {
        if (dialog != null) {
            dialog.cleanUp();
        }
        if (robot != null) {
            robot.cleanUp();
        }
        cache.close();
    }

    private void show(Supplier<JDialog> opener) {
        Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(),
                "no display: run the editor tests under xvfb-run");
        robot = BasicRobot.robotWithNewAwtHierarchy();
        dialog = new DialogFixture(robot, execute(opener::get));
    }

    private static void waitFor(String description, Supplier<Boolean> condition) {
        Pause.pause(new Condition(description) {
            @Override
            public boolean test() {
                return execute(condition::get);
            }
        }, Timeout.timeout(30_000));
    }

    @Nested
    class Amounts {

        @ParameterizedTest
        @CsvSource({"25, 25.00", "25.5, 25.50", " 0.01 , 0.01", "1000.00, 1000.00"})
        void validAmountsParse(String text, String expected) {
            assertThat(BudgetDialog.parseAmount(text)).isEqualTo(new BigDecimal(expected));
        }

        @Test
        void zeroIsRejected() {
            assertThatThrownBy(() -> BudgetDialog.parseAmount("0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The amount 0 must be more than $0; remove the cap instead to"
                            + " lift it");
        }

        @Test
        void negativeIsRejected() {
            assertThatThrownBy(() -> BudgetDialog.parseAmount("-5"))
                    .hasMessageStartingWith("The amount -5 must be more than $0");
        }

        @Test
        void thirdDecimalIsRejected() {
            assertThatThrownBy(() -> BudgetDialog.parseAmount("1.234"))
                    .hasMessage("The amount 1.234 has more than two decimals; enter whole cents"
                            + " such as 25.50");
        }

        @Test
        void textIsRejected() {
            assertThatThrownBy(() -> BudgetDialog.parseAmount("ten"))
                    .hasMessage("The amount 'ten' is not a number; enter US dollars such as 25"
                            + " or 25.50");
        }
    }

    @Nested
    class Caps {

        private void showBudget() {
            show(() -> BudgetDialog.open(null, budget, "film", List.of("fal", "openai")));
            waitFor("the caps to load", () -> !dialog.label("budget.status").text().isBlank());
        }

        @Test
        void setStoresRunCap() {
            showBudget();

            dialog.comboBox("budget.scope").selectItem("per run");
            dialog.textBox("budget.amount").enterText("10");
            dialog.button("budget.set").click();
            waitFor("the cap to be stored", () -> dialog.label("budget.status").text()
                    .equals("Set the run cap to $10.00."));

            List<BudgetCap> stored = budget.caps();
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).scope()).isEqualTo(CapScope.RUN);
            assertThat(stored.get(0).limitUsd()).isEqualByComparingTo("10");
            dialog.table("budget.table").requireContents(new String[][] {
                {"the run cap", "$10.00", "-", "-", "-"}});
        }

        @Test
        void projectCapShowsSpentAndLeft() throws Exception {
            spend("film", "fal", "0.40");
            showBudget();

            dialog.comboBox("budget.scope").selectItem("project per month");
            dialog.textBox("budget.subject").requireText("film");
            dialog.textBox("budget.amount").enterText("25.5");
            dialog.button("budget.set").click();
            waitFor("the cap to be stored", () -> dialog.label("budget.status").text()
                    .startsWith("Set "));

            dialog.table("budget.table").requireContents(new String[][] {
                {"the monthly cap of project film", "$25.50", "$0.4000", "$0.0000", "$25.10"}});
        }

        @Test
        void invalidAmountStoresNothing() {
            showBudget();

            dialog.comboBox("budget.scope").selectItem("provider per month");
            dialog.textBox("budget.subject").setText("fal");
            dialog.textBox("budget.amount").enterText("1.234");
            dialog.button("budget.set").click();

            dialog.label("budget.status").requireText("The amount 1.234 has more than two"
                    + " decimals; enter whole cents such as 25.50");
            assertThat(budget.caps()).isEmpty();
        }

        @Test
        void removeDeletesSelectedCap() {
            budget.setCap(new BudgetCap(CapScope.PROVIDER_MONTH, "fal", new BigDecimal("30")));
            showBudget();
            dialog.table("budget.table").requireRowCount(1);

            dialog.table("budget.table").selectRows(0);
            dialog.button("budget.remove").click();
            waitFor("the cap to be removed", () -> dialog.label("budget.status").text()
                    .equals("Removed the monthly cap of provider fal."));

            assertThat(budget.caps()).isEmpty();
            dialog.table("budget.table").requireRowCount(0);
        }
    }

    @Nested
    class Spend {

        @Test
        void tableSumsByProviderModelAndDay() throws Exception {
            spend("film", "fal", "0.40");
            spend("film", "fal", "0.10");
            spend("other", "openai", "1.25");
            SpendGuard guard = budget.guard("film", Optional.empty());
            guard.cached(request("fal", "0.40"));

            show(() -> SpendPanel.openDialog(null, budget, "film"));
            SpendPanel panel = (SpendPanel) dialog.panel("spend.panel").target();
            waitFor("the ledger to load", () -> panel.statusText().startsWith("4 ledger rows"));

            String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            assertThat(execute(panel::tableRows)).containsExactly(
                    List.of("fal", "fal-ai/flux/dev", day, "2", "$0.5000", "$0.5000", "$0.0000",
                            "1", "$0.4000"),
                    List.of("openai", "fal-ai/flux/dev", day, "1", "$1.25", "$1.25", "$0.0000",
                            "0", "$0.0000"));
            assertThat(execute(panel::statusText)).isEqualTo("4 ledger rows: $1.75 spent,"
                    + " $0.4000 saved by the cache (projections are estimates).");
        }

        @Test
        void projectFilterLeavesOtherProjectsOut() throws Exception {
            spend("film", "fal", "0.40");
            spend("other", "openai", "1.25");

            show(() -> SpendPanel.openDialog(null, budget, "film"));
            SpendPanel panel = (SpendPanel) dialog.panel("spend.panel").target();
            waitFor("the ledger to load", () -> panel.statusText().startsWith("2 ledger rows"));
            dialog.checkBox("spend.onlyProject").click();
            waitFor("the filtered ledger", () -> panel.statusText().startsWith("1 ledger row:"));

            assertThat(execute(panel::tableRows)).hasSize(1);
            assertThat(execute(panel::tableRows).get(0).get(0)).isEqualTo("fal");
        }
    }

    /** Records one settled paid call of a project, charged at its projection. */
    private void spend(String project, String provider, String usd) throws Exception {
        SpendGuard guard = budget.guard(project, Optional.empty());
        Reservation reservation = guard.reserve(request(provider, usd));
        guard.settle(reservation, Optional.of(new BigDecimal(usd)), Optional.empty());
    }

    private static SpendRequest request(String provider, String usd) {
        return new SpendRequest(NodeId.of("keyframe"), "scene-1", new CacheKey("ab".repeat(32)),
                provider, "fal-ai/flux/dev", new BigDecimal(usd));
    }
}
