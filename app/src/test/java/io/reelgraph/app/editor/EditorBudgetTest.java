package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import io.reelgraph.app.editor.money.BudgetCheck;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.money.BudgetCap;
import io.reelgraph.engine.money.CapScope;
import io.reelgraph.engine.money.LedgerEntry;
import io.reelgraph.engine.money.LedgerStatus;
import io.reelgraph.engine.money.SpendGuard;
import io.reelgraph.engine.money.SpendRequest;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.nodes.provider.elevenlabs.FakeElevenLabsServer;
import io.reelgraph.nodes.provider.fal.FakeFalServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.swing.JOptionPane;
import org.assertj.swing.core.GenericTypeMatcher;
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

    /**
     * Chooses an option of the showing option pane as its button does. Robot clicks on a modal
     * option pane are sometimes lost under Xvfb on a loaded machine, and a lost click leaves
     * the run waiting for its confirmation.
     */
    private void choose(String option) {
        JOptionPane pane = editor.frame.optionPane().target();
        execute(() -> pane.setValue(option));
        editor.waitFor("the option pane to close", () -> !optionPaneShowing());
    }

    /** Waits for the run to end; on a timeout, the failure shows where the editor stopped. */
    private void awaitRunEnd() {
        try {
            editor.waitFor("the run to finish", () -> !editor.window.running()
                    && editor.window.runSummary().startsWith("Run "));
        } catch (RuntimeException | Error e) {
            throw new AssertionError("The run did not finish: status bar '"
                    + execute(editor.window::messageText) + "', run summary '"
                    + execute(editor.window::runSummary) + "', running "
                    + execute(editor.window::running) + ", fal submits " + fal.submits()
                    + ", ElevenLabs submits " + elevenLabs.submits(), e);
        }
    }

    private boolean optionPaneShowing() {
        return !editor.robot.finder().findAll(new GenericTypeMatcher<>(JOptionPane.class) {
            @Override
            protected boolean isMatching(JOptionPane pane) {
                return pane.isShowing();
            }
        }).isEmpty();
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
            refusal.requireTitle("Run rejected by a budget cap");
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
        void statusBarShowsBudgetLeft() {
            editor.awaitPlan();
            editor.waitFor("the budget status", () -> editor.window.budgetText()
                    .startsWith("Budget left: "));
            assertThat(execute(editor.window::budgetText))
                    .isEqualTo("Budget left: no cap set for project " + project());

            editor.workspace.budget().setCap(new BudgetCap(CapScope.PROVIDER_MONTH, "fal",
                    new BigDecimal("12.50")));
            execute(() -> editor.window.estimate());

            editor.waitFor("the budget status with the cap", () -> editor.window.budgetText()
                    .equals("Budget left: $12.50 under the monthly cap of provider fal"));
            assertThat(execute(editor.window::costText)).isEqualTo("Projected next run: $2.43"
                    + " (estimate), 34 paid items to run, 0 cached");
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
            choose("Cancel");
            editor.waitFor("the cancelled confirmation", () -> editor.window.messageText()
                    .equals("Run not confirmed; nothing was sent."));
            assertThat(execute(editor.window::running)).isFalse();
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
            choose("Run");
            awaitRunEnd();

            List<LedgerEntry> ledger = ledger();
            assertThat(execute(editor.window::runSummary))
                    .startsWith("Run finished: 43 work items, 35 executed, 8 cached, 0 failed");
            assertThat(fal.submits()).isEqualTo(12);
            assertThat(elevenLabs.submits()).isEqualTo(22);
            assertThat(ledger).hasSize(34);
            assertThat(ledger).allSatisfy(entry -> {
                assertThat(entry.project()).isEqualTo(project());
                assertThat(entry.status()).isEqualTo(LedgerStatus.SETTLED);
                // The keys come from environment variables, whose names are their aliases.
                assertThat(entry.keyAlias()).contains(entry.provider().equals("fal")
                        ? "FAL_KEY" : "ELEVENLABS_API_KEY");
            });
        }

        @Test
        void callOverCapDuringRunIsNotSent() throws Exception {
            editor.awaitPlan();
            // The fal part of the projection, $2.34, fits under this cap before the run.
            editor.workspace.budget().setCap(new BudgetCap(CapScope.PROVIDER_MONTH, "fal",
                    new BigDecimal("2.40")));
            fal.holdJobsRunning();

            editor.frame.button("toolbar.run").click();
            choose("Run");
            editor.waitFor("keyframes on fal", () -> fal.submits() >= 4);
            // Another run of the team spends $2.00 on fal meanwhile, so no $0.35 clip fits.
            SpendGuard other = editor.workspace.budget().guard("other", Optional.empty());
            SpendRequest request = new SpendRequest(NodeId.of("elsewhere"), "value",
                    new CacheKey("cd".repeat(32)), "fal", "fal-ai/flux/dev",
                    new BigDecimal("2.00"));
            other.settle(other.reserve(request), Optional.of(new BigDecimal("2.00")),
                    Optional.empty());
            fal.releaseJobs();
            awaitRunEnd();

            String summary = execute(editor.window::runSummary);
            assertThat(summary).contains(", 6 failed;");
            assertThat(summary).contains("First failure: node shot item ");
            assertThat(summary).contains("Budget cap reached: the call to fal/");
            assertThat(fal.submits()).as("6 keyframes, no clip").isEqualTo(6);
            assertThat(elevenLabs.submits()).isEqualTo(22);
        }
    }
}
