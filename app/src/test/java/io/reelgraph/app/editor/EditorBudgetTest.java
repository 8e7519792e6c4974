package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import io.reelgraph.app.editor.money.BudgetCheck;
import io.reelgraph.engine.money.BudgetCap;
import io.reelgraph.engine.money.CapScope;
import io.reelgraph.engine.money.LedgerEntry;
import io.reelgraph.engine.money.LedgerStatus;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.nodes.provider.elevenlabs.FakeElevenLabsServer;
import io.reelgraph.nodes.provider.fal.FakeFalServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budget caps on editor runs of the sample, not as a draft, with fal and ElevenLabs pointed at
 * local fake servers, so that the projection is the sample's real price and every call that
 * would be sent is counted.
 */
class EditorBudgetTest {

    @TempDir
    Path temp;

    private FakeFalServer fal;
    private FakeElevenLabsServer elevenLabs;
    private EditorFixture editor;

    @BeforeEach
    void openEditor() throws Exception {
        fal = new FakeFalServer();
        elevenLabs = new FakeElevenLabsServer();
        editor = EditorFixture.openSample(temp, Map.of(
                "FAL_KEY", fal.key(),
                "ELEVENLABS_API_KEY", elevenLabs.key(),
                "REELGRAPH_FAL_BASE_URL", fal.baseUrl(),
                "REELGRAPH_ELEVENLABS_BASE_URL", elevenLabs.baseUrl()));
    }

    @AfterEach
    void closeEditor() {
        editor.close();
        fal.close();
        elevenLabs.close();
    }

    private String project() {
        return BudgetCheck.project(editor.folder);
    }

    private List<LedgerEntry> ledger() {
        return editor.workspace.budget().entries(Optional.empty());
    }

    @Nested
    class BeforeTheRun {

        @Test
        void capBelowProjectionRefusesAndSendsNothing() {
            Plan plan = editor.awaitPlan();
            assertThat(plan.projection().totalUsd()).isEqualByComparingTo("2.4325");
            editor.workspace.budget().setCap(new BudgetCap(CapScope.RUN, "", new BigDecimal("1")));

            editor.frame.button("toolbar.run").click();
            JOptionPaneFixture refusal = editor.frame.optionPane();

            refusal.requireErrorMessage();
            refusal.requireTitle("Run refused by a budget cap");
            refusal.requireMessage("Projected cost $2.4325 is above the run cap of $1.00 ($0.00"
                    + " spent, $0.00 reserved, $1.00 left); nothing was sent. Raise the cap in"
                    + " Budget > Budget Caps, cut the work, or turn on Draft.");
            refusal.okButton().click();
            assertThat(execute(editor.window::running)).isFalse();
            assertThat(execute(editor.window::budgetText))
                    .isEqualTo("Budget left: $1.00 under the run cap");
            assertThat(fal.submits()).isZero();
            assertThat(elevenLabs.submits()).isZero();
            assertThat(ledger()).isEmpty();
        }

        @Test
        void projectCapBelowProjectionRefuses() {
            editor.awaitPlan();
            editor.workspace.budget().setCap(new BudgetCap(CapScope.PROJECT_MONTH, project(),
                    new BigDecimal("2.40")));

            editor.frame.button("toolbar.run").click();
            JOptionPaneFixture refusal = editor.frame.optionPane();

            refusal.requireMessage(Pattern.compile("Projected cost \\$2.4325 is above the"
                    + " monthly cap of project " + Pattern.quote(project()) + " of \\$2.40 .*"));
            refusal.okButton().click();
            assertThat(fal.submits()).isZero();
            assertThat(elevenLabs.submits()).isZero();
        }

        @Test
        void confirmationShowsCostSavingsAndBudgetLeft() {
            editor.awaitPlan();
            editor.workspace.budget().setCap(new BudgetCap(CapScope.PROJECT_TOTAL, project(),
                    new BigDecimal("50")));

            editor.frame.button("toolbar.run").click();
            JOptionPaneFixture confirmation = editor.frame.optionPane();

            confirmation.requireMessage("Run Paper Fish storyboard?\n\n"
                    + "Projected cost: $2.43 (estimate) for 34 paid items.\n"
                    + "Cache savings: $0.0000 for 0 cached items, which cost nothing.\n"
                    + "Budget left: $50.00 under the total cap of project " + project() + ".\n"
                    + "Outputs go to " + editor.folder.resolve("out") + ".");
            confirmation.buttonWithText("Cancel").click();
            assertThat(execute(editor.window::messageText))
                    .isEqualTo("Run not confirmed; nothing was sent.");
            assertThat(fal.submits()).isZero();
            assertThat(elevenLabs.submits()).isZero();
        }
    }

    @Nested
    class DuringTheRun {

        @Test
        void everyPaidCallIsReservedInTheLedger() {
            editor.awaitPlan();
            editor.workspace.budget().setCap(new BudgetCap(CapScope.PROJECT_TOTAL, project(),
                    new BigDecimal("50")));

            editor.frame.button("toolbar.run").click();
            editor.frame.optionPane().buttonWithText("Run").click();
            editor.waitFor("the run to finish", () -> !editor.window.running()
                    && editor.window.runSummary().startsWith("Run "));

            List<LedgerEntry> ledger = ledger();
            assertThat(execute(editor.window::runSummary))
                    .startsWith("Run finished: 43 work items, 35 executed, 8 cached, 0 failed");
            assertThat(fal.submits()).isEqualTo(12);
            assertThat(elevenLabs.submits()).isEqualTo(22);
            assertThat(ledger).hasSize(34);
            assertThat(ledger).allSatisfy(entry -> {
                assertThat(entry.project()).isEqualTo(project());
                assertThat(entry.status()).isEqualTo(LedgerStatus.SETTLED);
            });
        }
    }
}
