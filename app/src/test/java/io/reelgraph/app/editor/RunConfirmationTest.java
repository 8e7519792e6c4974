package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run confirmation appears for every run request, even one made while planning. */
class RunConfirmationTest {

    @TempDir
    Path temp;

    private EditorFixture editor;

    @AfterEach
    void closeEditor() {
        if (editor != null) {
            editor.close();
        }
    }

    @Test
    void runDuringPlanningAsksOncePlanned() {
        editor = EditorFixture.openSample(temp);
        editor.awaitPlan();

        // Switching to draft starts a new plan, so the run request comes before it is ready.
        boolean plannedAtRequest = execute(() -> {
            editor.window.setDraft(true);
            boolean planned = editor.window.currentPlan().isPresent();
            editor.window.run();
            return planned;
        });
        String waiting = execute(editor.window::messageText);
        DialogFixture confirmation = WindowFinder.findDialog("dialog.run")
                .withTimeout(120_000).using(editor.robot);
        editor.waitFor("the run confirmation to be active",
                () -> confirmation.target().isActive());
        String message = confirmation.optionPane().target().getMessage().toString();
        confirmation.optionPane().buttonWithText("Cancel").click();
        editor.waitFor("the run confirmation to close", () -> !confirmation.target().isShowing());

        assertThat(plannedAtRequest).isFalse();
        assertThat(waiting).isEqualTo("Planning the current graph; the run confirmation follows.");
        assertThat(message).contains("Projected cost: $0.0000 (estimate)").contains("Draft mode");
        assertThat(execute(editor.window::messageText))
                .isEqualTo("Run not confirmed; nothing was sent.");
        assertThat(execute(editor.window::running)).isFalse();
        assertThat(Files.exists(editor.folder.resolve("out"))).isFalse();
    }
}
