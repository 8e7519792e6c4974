package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelgraph.app.editor.preview.AudioPanel;
import io.reelgraph.app.editor.preview.Ffmpeg;
import io.reelgraph.app.editor.preview.VideoPanel;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.Plan;
import java.awt.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.swing.JTextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditorPreviewTest {

    private static final NodeId KEYFRAME = NodeId.of("keyframe");
    private static final NodeId SHOT = NodeId.of("shot");
    private static final NodeId VOICES = NodeId.of("voices");
    private static final NodeId CUT = NodeId.of("cut");

    @TempDir
    Path temp;

    private EditorFixture editor;

    @AfterEach
    void closeEditor() {
        if (editor != null) {
            editor.close();
        }
        System.clearProperty(OutputActions.DESKTOP_PROPERTY);
    }

    @Nested
    class Media {

        @Test
        void videoNodeScrubsToChosenFrame() {
            assumeTrue(Ffmpeg.locate().isPresent(), "ffmpeg is not installed");
            openDraftSample();
            runAll();

            selectInPreview(SHOT);
            editor.waitFor("the first video frame", () -> videoPanels().size() == 6
                    && videoPanels().get(0).shownMillis() == 0);
            VideoPanel video = videoPanels().get(0);
            execute(() -> video.seek(2_500));
            editor.waitFor("the frame at 2.5 s", () -> video.shownMillis() == 2_500);

            // The sample's clips last 5 s at 24 frames per second; drafts encode 640x360.
            assertThat(execute(video::durationMillis)).isEqualTo(5_000);
            assertThat(execute(() -> video.shownFrame().orElseThrow().getWidth())).isEqualTo(640);
            assertThat(execute(() -> video.shownFrame().orElseThrow().getHeight()))
                    .isEqualTo(360);
        }

        @Test
        void speechNodeDecodesAudioDuration() {
            openDraftSample();
            runAll();

            selectInPreview(VOICES);
            editor.waitFor("the decoded audio", () -> !audioPanels().isEmpty()
                    && audioPanels().get(0).clip().isPresent());
            AudioPanel audio = audioPanels().get(0);

            long samples = execute(() -> audio.clip().orElseThrow().sampleFrames());
            // Draft speech is max(11025, 8820 * words + 6615) samples at 22050 Hz.
            assertThat((samples - 6_615) % 8_820).isZero();
            assertThat(execute(audio::detailsText)).matches(Pattern.compile(
                    "\\d+\\.\\d\\d s, " + samples + " samples at 22050 Hz, 1 channel"));
        }
    }

    @Nested
    class Variations {

        @Test
        void runSelectedRunsOnlyUpstreamNodes() {
            openDraftSample();

            runSelected(KEYFRAME, "Run");

            // The screenplay, 6 prompts and the reference are free and were cached by planning;
            // the 6 keyframes run. No clip or audio item is part of the run.
            assertThat(execute(editor.window::runSummary))
                    .startsWith("Run finished: 14 work items, 6 executed, 8 cached");
        }

        @Test
        void rerollAddsSecondVariationToStrip() {
            openDraftSample();
            runSelected(KEYFRAME, "Run");
            selectInPreview(KEYFRAME);
            editor.waitFor("the first variation", () -> preview().tileCount() == 6);

            editor.frame.button("toolbar.reroll").click();
            editor.frame.optionPane().requireMessage(Pattern.compile(
                    "(?s)Re-roll node keyframe as variation 1\\?.*Projected cost: \\$0.*"
                            + "for 6 paid items.*"));
            confirm("Re-roll");
            // Confirming sets the variation at once; the run then generates variation 1.
            try {
                editor.waitFor("the re-rolled variation", () -> editor.window.document().graph()
                        .requireNode(KEYFRAME).param("variation").orElseThrow().intValue() == 1);
            } catch (org.assertj.swing.exception.WaitTimedOutError e) {
                throw new AssertionError("No re-roll; status bar: "
                        + execute(editor.window::messageText) + "; confirmation showing: "
                        + confirmationShowing(), e);
            }
            awaitRunSummary("Run finished: 14 work items, 6 executed, 8 cached");
            editor.waitFor("both variations, cached", () -> preview().tileCount() == 12
                    && preview().tileCaption(1).contains(" · v1 · $0.0000 · cached"));

            assertThat(execute(() -> preview().tileCaption(0)))
                    .matches("scene-\\S+ · v0 · \\$0\\.0000 · cached · DRAFT");
            assertThat(execute(() -> preview().tileCaption(1)))
                    .matches("scene-\\S+ · v1 · \\$0\\.0000 · cached · DRAFT");
        }
    }

    @Nested
    class Outputs {

        @Test
        void exportCutWritesFcpxmlAndEdl() throws Exception {
            openDraftSample();
            runAll();
            Path fcpxml = temp.resolve("exports/rough");
            Path edl = temp.resolve("exports/rough.edl");

            execute(() -> editor.window.exportCut(CUT, fcpxml));
            editor.waitFor("the FCPXML export", () -> editor.window.messageText()
                    .startsWith("Exported the cut of node cut to "));
            execute(() -> editor.window.exportCut(CUT, edl));
            editor.waitFor("the EDL export", () -> editor.window.messageText()
                    .startsWith("Exported the cut of node cut to " + edl));

            Path written = temp.resolve("exports/rough.fcpxml");
            assertThat(Files.readString(written)).startsWith("<?xml").contains("<fcpxml");
            assertThat(Files.readString(written)).contains("file://" + editor.folder
                    .resolve("out/cut/media").toAbsolutePath().normalize());
            assertThat(Files.readString(edl)).startsWith("TITLE: ");
        }

        @Test
        void openOutputFolderShowsPathToCopy() {
            System.setProperty(OutputActions.DESKTOP_PROPERTY, "false");
            openDraftSample();
            runAll();

            editor.frame.menuItemWithPath("File", "Open Output Folder").click();

            JTextField path = (JTextField) editor.robot.finder().findByName("outputFolder.path");
            assertThat(execute(() -> path.getText())).isEqualTo(editor.folder.resolve("out")
                    .toAbsolutePath().normalize().toString());
        }
    }

    private void openDraftSample() {
        editor = EditorFixture.openSample(temp.resolve("project"));
        execute(() -> editor.window.setDraft(true));
        editor.awaitPlan();
    }

    private void runAll() {
        editor.frame.button("toolbar.run").click();
        confirm("Run");
        awaitRunSummary("Run finished: ");
    }

    /**
     * Presses a button of the confirmation dialog. On a loaded machine the robot's click on a
     * modal dialog under Xvfb is sometimes lost, so the button is pressed directly.
     */
    private void confirm(String verb) {
        javax.swing.JButton button = editor.frame.optionPane().buttonWithText(verb).target();
        execute(() -> button.doClick());
    }

    private boolean confirmationShowing() {
        return !editor.robot.finder().findAll(component ->
                component instanceof javax.swing.JOptionPane && component.isShowing()).isEmpty();
    }

    private void runSelected(NodeId node, String verb) {
        execute(() -> editor.window.canvas().select(Optional.of(node)));
        editor.frame.button("toolbar.runSelected").click();
        editor.frame.optionPane().requireMessage(Pattern.compile(
                "(?s)Run node " + node + " and the nodes upstream of it\\?.*Cache savings: .*"
                        + "Budget left.*Draft mode.*"));
        confirm(verb);
        awaitRunSummary("Run finished: ");
    }

    private void awaitRunSummary(String prefix) {
        try {
            editor.waitFor("the run to finish", () -> !editor.window.running()
                    && editor.window.runSummary().startsWith(prefix));
        } catch (org.assertj.swing.exception.WaitTimedOutError e) {
            throw new AssertionError("No run finished with \"" + prefix + "\"; status bar: "
                    + execute(editor.window::messageText) + "; run summary: "
                    + execute(editor.window::runSummary) + "; confirmation showing: "
                    + confirmationShowing(), e);
        }
        Plan after = editor.awaitPlan();
        assertThat(after).isNotNull();
    }

    private void selectInPreview(NodeId node) {
        execute(() -> editor.window.canvas().select(Optional.of(node)));
        editor.frame.tabbedPane("side.tabs").selectTab("Preview");
    }

    private PreviewPanel preview() {
        return (PreviewPanel) editor.robot.finder().findByName(editor.window, "preview");
    }

    private List<VideoPanel> videoPanels() {
        return components(VideoPanel.class);
    }

    private List<AudioPanel> audioPanels() {
        return components(AudioPanel.class);
    }

    private <T extends Component> List<T> components(Class<T> type) {
        return execute(() -> editor.robot.finder().findAll(editor.window, type::isInstance)
                .stream().map(type::cast).toList());
    }
}
