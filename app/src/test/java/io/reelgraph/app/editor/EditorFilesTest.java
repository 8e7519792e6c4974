package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;
import static org.assertj.swing.finder.JOptionPaneFinder.findOptionPane;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reelgraph.app.Home;
import io.reelgraph.app.Workspace;
import io.reelgraph.engine.file.GraphFile;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import java.awt.Component;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.awt.event.KeyEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autosave and recovery, recent files, file drops, the unsaved-changes prompt and the
 * clipboard, on real editor windows over a copy of the night-market sample.
 */
class EditorFilesTest {

    private static final NodeId KEYFRAME = NodeId.of("keyframe");
    private static final NodeId PROMPT = NodeId.of("shot-prompt");
    private static final String KEY = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4";

    @TempDir
    Path temp;

    private Path graphFile;
    private Path home;
    private Workspace workspace;
    private Robot robot;
    private final List<EditorWindow> windows = new ArrayList<>();

    @BeforeEach
    void openWorkspace() {
        Assumptions.assumeFalse(java.awt.GraphicsEnvironment.isHeadless(),
                "no display: run the editor tests under xvfb-run");
        EditorFixture.copyFolder(EditorFixture.SAMPLE, temp.resolve("film"));
        graphFile = temp.resolve("film/night-market.reelgraph");
        home = temp.resolve("home");
        System.setProperty(Home.PROPERTY, home.toString());
        Themes.install(false);
        workspace = Workspace.standard();
        robot = BasicRobot.robotWithNewAwtHierarchy();
    }

    @AfterEach
    void closeAll() {
        if (workspace == null) {
            return;
        }
        for (EditorWindow window : windows) {
            execute(() -> {
                if (window.isDisplayable()) {
                    window.document().replace(window.document().graph(),
                            window.document().file());
                    window.closeWindow();
                }
            });
        }
        robot.cleanUp();
        workspace.close();
        System.clearProperty(Home.PROPERTY);
    }

    private EditorWindow open(Optional<Path> file) {
        EditorWindow window = execute(() -> EditorWindow.open(workspace, file));
        windows.add(window);
        robot.waitForIdle();
        return window;
    }

    private JOptionPaneFixture optionPane() {
        JOptionPaneFixture pane = findOptionPane().withTimeout(10, TimeUnit.SECONDS).using(robot);
        // A click that reaches a dialog before it is the active window can be lost under Xvfb.
        java.awt.Window dialog = javax.swing.SwingUtilities.getWindowAncestor(pane.target());
        org.assertj.swing.timing.Pause.pause(new org.assertj.swing.timing.Condition(
                "the dialog to be active") {
            @Override
            public boolean test() {
                return execute(dialog::isActive);
            }
        }, org.assertj.swing.timing.Timeout.timeout(30_000));
        return pane;
    }

    /**
     * Presses a dialog button on the event dispatch thread. Robot clicks on modal dialogs were
     * sometimes lost under Xvfb on a loaded machine, so these tests press the button directly.
     */
    private void press(JOptionPaneFixture pane, String text) {
        javax.swing.JButton button = pane.buttonWithText(text).target();
        execute(() -> button.doClick());
        robot.waitForIdle();
    }

    private static void awaitDone(java.util.concurrent.CompletableFuture<Void> future)
            throws Exception {
        future.get(30, TimeUnit.SECONDS);
    }

    @Nested
    class Recovery {

        @Test
        void crashThenRestoreGivesEditedGraph() throws Exception {
            EditorWindow first = open(Optional.of(graphFile));
            execute(() -> first.setParam(KEYFRAME, "seed", IntNode.valueOf(99)));
            Graph edited = execute(() -> first.document().graph());
            awaitDone(execute(() -> first.autosave().saveNow()));
            Path recovery = Autosave.recoveryFile(home.resolve("recovery"), Optional.of(graphFile));
            // A crash: the window goes away without saving or closing cleanly.
            execute(first::dispose);

            EditorWindow second = open(Optional.of(graphFile));
            JOptionPaneFixture prompt = optionPane();
            prompt.requireMessage(RecoveryDialog.message(execute(() ->
                    second.autosave().pending().orElseThrow())));
            press(prompt, "Restore");
            robot.waitForIdle();

            assertThat(Files.exists(recovery)).isTrue();
            Graph restored = execute(() -> second.document().graph());
            assertThat(restored.requireNode(KEYFRAME).param("seed")).contains(IntNode.valueOf(99));
            for (Node node : edited.nodes()) {
                assertThat(restored.requireNode(node.id()).params()).as("params of " + node.id())
                        .isEqualTo(node.params());
            }
            assertThat(restored.connections()).isEqualTo(edited.connections());
            assertThat(execute(() -> second.document().dirty())).isTrue();
            assertThat(execute(second::getTitle)).startsWith("*");
            assertThat(GraphFile.read(graphFile).requireNode(KEYFRAME).param("seed"))
                    .contains(IntNode.valueOf(7));
        }

        @Test
        void cleanSaveDeletesRecoveryFile() throws Exception {
            EditorWindow window = open(Optional.of(graphFile));
            execute(() -> window.setParam(KEYFRAME, "seed", IntNode.valueOf(99)));
            awaitDone(execute(() -> window.autosave().saveNow()));
            Path recovery = Autosave.recoveryFile(home.resolve("recovery"), Optional.of(graphFile));
            boolean written = Files.exists(recovery);

            execute(() -> window.saveTo(graphFile));
            awaitDone(execute(() -> window.autosave().discard()));

            assertThat(written).isTrue();
            assertThat(recovery).doesNotExist();
        }

        @Test
        void discardDeletesRecoveryAndKeepsFile() throws Exception {
            EditorWindow first = open(Optional.of(graphFile));
            execute(() -> first.setParam(KEYFRAME, "seed", IntNode.valueOf(99)));
            awaitDone(execute(() -> first.autosave().saveNow()));
            execute(first::dispose);
            Path recovery = Autosave.recoveryFile(home.resolve("recovery"), Optional.of(graphFile));

            EditorWindow second = open(Optional.of(graphFile));
            press(optionPane(), "Discard");
            robot.waitForIdle();
            awaitDone(execute(() -> second.autosave().discard()));

            assertThat(recovery).doesNotExist();
            assertThat(execute(() -> second.document().graph())).isEqualTo(
                    GraphFile.read(graphFile));
        }

        @Test
        void untitledGraphIsRecovered() throws Exception {
            EditorWindow first = open(Optional.empty());
            execute(() -> first.document().edit(first.document().graph().withName("Storyboard")));
            awaitDone(execute(() -> first.autosave().saveNow()));
            execute(first::dispose);

            EditorWindow second = open(Optional.empty());
            press(optionPane(), "Restore");
            robot.waitForIdle();

            assertThat(execute(() -> second.document().graph().name())).isEqualTo("Storyboard");
        }

        @Test
        void keyInGraphIsNotAutosaved() throws Exception {
            EditorWindow window = open(Optional.of(graphFile));
            execute(() -> window.setParam(PROMPT, "styleText", TextNode.valueOf(KEY)));
            // The plan of the edited graph reports the key too; let it finish first, so its
            // message does not replace the autosave's.
            waitFor(window, "the plan to report the key", () -> window.messageText()
                    .contains("SECRET_IN_GRAPH"));

            awaitDone(execute(() -> window.autosave().saveNow()));
            robot.waitForIdle();

            assertThat(home.resolve("recovery")).isEmptyDirectory();
            assertThat(execute(window::messageText))
                    .startsWith("Autosave did not write a recovery file: ")
                    .contains("node shot-prompt, field params.styleText")
                    .doesNotContain(KEY);
        }
    }

    @Nested
    class UnsavedChanges {

        @Test
        void titleMarksUnsavedChanges() {
            EditorWindow window = open(Optional.of(graphFile));
            String clean = execute(window::getTitle);

            execute(() -> window.setParam(KEYFRAME, "seed", IntNode.valueOf(99)));

            assertThat(clean).isEqualTo("night-market.reelgraph - Reelgraph");
            assertThat(execute(window::getTitle)).isEqualTo("*night-market.reelgraph - Reelgraph");
        }

        @Test
        void cancelKeepsWindowAndDiscardCloses() {
            EditorWindow window = open(Optional.of(graphFile));
            execute(() -> window.setParam(KEYFRAME, "seed", IntNode.valueOf(99)));

            SwingUtilities.invokeLater(window::closeWindow);
            JOptionPaneFixture prompt = optionPane();
            prompt.requireMessage("The graph has unsaved changes. Save them first?");
            press(prompt, "Cancel");
            robot.waitForIdle();
            boolean openAfterCancel = execute(window::isDisplayable);
            SwingUtilities.invokeLater(window::closeWindow);
            press(optionPane(), "Discard");
            robot.waitForIdle();

            assertThat(openAfterCancel).isTrue();
            assertThat(execute(window::isDisplayable)).isFalse();
            assertThat(graphFile).hasContent(readQuietly(EditorFixture.SAMPLE
                    .resolve("night-market.reelgraph")));
        }

        @Test
        void saveChoiceWritesBeforeOpeningAnother() throws Exception {
            Path other = Files.copy(graphFile, graphFile.resolveSibling("other.reelgraph"));
            EditorWindow window = open(Optional.of(graphFile));
            execute(() -> window.setParam(KEYFRAME, "seed", IntNode.valueOf(99)));

            SwingUtilities.invokeLater(() -> window.openDropped(other));
            press(optionPane(), "Save");
            robot.waitForIdle();

            assertThat(GraphFile.read(graphFile).requireNode(KEYFRAME).param("seed"))
                    .contains(IntNode.valueOf(99));
            assertThat(execute(() -> window.document().file())).contains(other);
        }
    }

    @Nested
    class RecentAndDrop {

        @Test
        void openedFilesAreListedAndPersisted() throws Exception {
            Path other = Files.copy(graphFile, graphFile.resolveSibling("other.reelgraph"));
            EditorWindow window = open(Optional.of(graphFile));

            execute(() -> window.openFile(other));

            assertThat(execute(() -> window.recentFiles().files()))
                    .containsExactly(other, graphFile);
            assertThat(RecentFiles.load(home.resolve("recent-files.txt")).files())
                    .containsExactly(other, graphFile);
        }

        @Test
        void menuRemovesMissingFileWithMessage() throws Exception {
            Path other = Files.copy(graphFile, graphFile.resolveSibling("other.reelgraph"));
            EditorWindow window = open(Optional.of(graphFile));
            execute(() -> window.recentFiles().add(other));
            Files.delete(other);
            FrameFixture frame = new FrameFixture(robot, window);

            frame.menuItemWithPath("File", "Open Recent").click();
            robot.waitForIdle();

            assertThat(execute(() -> window.recentFiles().files())).containsExactly(graphFile);
            assertThat(execute(window::recentMessages)).contains("Removed from Open Recent"
                    + " because the file no longer exists: " + other + ".");
            frame.menuItemWithPath("File", "Open Recent", "1  night-market.reelgraph")
                    .requireVisible();
        }

        @Test
        void droppedGraphFileOpens() throws Exception {
            Path other = Files.copy(graphFile, graphFile.resolveSibling("other.reelgraph"));
            EditorWindow window = open(Optional.of(graphFile));
            JComponent canvasControl = (JComponent) robot.finder()
                    .findByName(window, "canvas.graph", Component.class);

            boolean onCanvas = execute(() -> drop(canvasControl, List.of(other.toFile())));

            assertThat(onCanvas).isTrue();
            assertThat(execute(() -> window.document().file())).contains(other);
        }

        @Test
        void dropOnWindowWithoutGraphFileIsRejected() throws Exception {
            Path text = Files.writeString(temp.resolve("notes.txt"), "notes");
            EditorWindow window = open(Optional.of(graphFile));

            boolean accepted = execute(() -> drop(window.getRootPane(), List.of(text.toFile())));

            assertThat(accepted).isFalse();
            assertThat(execute(() -> window.document().file())).contains(graphFile);
            assertThat(execute(window::recentMessages)).contains("None of the dropped files is a"
                    + " .reelgraph graph file; drop a graph file to open it.");
        }

        private boolean drop(JComponent target, List<File> files) {
            TransferHandler handler = target.getTransferHandler() != null
                    ? target.getTransferHandler()
                    : ((javax.swing.JFrame) SwingUtilities.getWindowAncestor(target))
                            .getTransferHandler();
            return handler.importData(new TransferHandler.TransferSupport(target,
                    new FileList(files)));
        }
    }

    @Nested
    class ClipboardCopy {

        private Clipboard clipboard;

        @BeforeEach
        void markClipboard() {
            clipboard = Toolkit.getDefaultToolkit().getSystemClipboard();
            StringSelection marker = new StringSelection("marker text");
            clipboard.setContents(marker, marker);
        }

        @Test
        void copyPasteAddsFreshConnectedNodes() throws Exception {
            EditorWindow window = open(Optional.of(graphFile));
            Graph before = execute(() -> window.document().graph());

            boolean copied = execute(() -> window.clipboard().copy(Set.of(PROMPT, KEYFRAME)));
            List<NodeId> pasted = execute(() -> window.clipboard().paste());
            Graph after = execute(() -> window.document().graph());

            assertThat(copied).isTrue();
            assertThat((String) clipboard.getData(DataFlavor.stringFlavor))
                    .startsWith("{\n  \"format\": \"reelgraph\"");
            assertThat(pasted).containsExactly(NodeId.of("keyframe-1"),
                    NodeId.of("shot-prompt-1"));
            assertThat(after.nodeCount()).isEqualTo(before.nodeCount() + 2);
            assertThat(after.connections()).contains(
                    Connection.of("shot-prompt-1", "prompt", "keyframe-1", "prompt"));
            assertThat(execute(window::recentMessages))
                    .contains("Pasted 2 nodes: keyframe-1, shot-prompt-1.");
        }

        @Test
        void copyWithKeyLeavesClipboardAlone() throws Exception {
            EditorWindow window = open(Optional.of(graphFile));
            execute(() -> window.setParam(PROMPT, "styleText", TextNode.valueOf(KEY)));

            boolean copied = execute(() -> window.clipboard().copy(Set.of(PROMPT)));

            assertThat(copied).isFalse();
            assertThat((String) clipboard.getData(DataFlavor.stringFlavor))
                    .isEqualTo("marker text");
            assertThat(execute(window::recentMessages)).contains("Not copied: node shot-prompt,"
                    + " param styleText contains what looks like an API key (sk-proj-…M3n4)."
                    + " Remove the key from the param; keys belong in the key vault, never in"
                    + " a graph or on the clipboard.");
        }

        @Test
        void cutWithKeyKeepsNode() throws Exception {
            EditorWindow window = open(Optional.of(graphFile));
            execute(() -> window.setParam(PROMPT, "styleText", TextNode.valueOf(KEY)));

            boolean cut = execute(() -> window.clipboard().cut(Set.of(PROMPT)));

            assertThat(cut).isFalse();
            assertThat(execute(() -> window.document().graph().node(PROMPT))).isPresent();
            assertThat((String) clipboard.getData(DataFlavor.stringFlavor))
                    .isEqualTo("marker text");
        }

        @Test
        void cutRemovesNodesAndPasteRestoresThem() {
            EditorWindow window = open(Optional.of(graphFile));

            boolean cut = execute(() -> window.clipboard().cut(Set.of(KEYFRAME)));
            boolean gone = execute(() -> window.document().graph().node(KEYFRAME).isEmpty());
            List<NodeId> pasted = execute(() -> window.clipboard().paste());

            assertThat(cut).isTrue();
            assertThat(gone).isTrue();
            assertThat(pasted).containsExactly(NodeId.of("keyframe-1"));
        }

        @Test
        void duplicateWithKeyIsRejected() throws Exception {
            EditorWindow window = open(Optional.of(graphFile));
            execute(() -> window.setParam(PROMPT, "styleText", TextNode.valueOf(KEY)));
            int before = execute(() -> window.document().graph().nodeCount());

            List<NodeId> added = execute(() -> window.clipboard().duplicate(Set.of(PROMPT)));

            assertThat(added).isEmpty();
            assertThat(execute(() -> window.document().graph().nodeCount())).isEqualTo(before);
            assertThat(execute(window::recentMessages)).anySatisfy(message -> assertThat(message)
                    .startsWith("Not copied: node shot-prompt,"
                    + " param styleText"));
        }

        @Test
        void duplicateAddsCopyWithoutClipboard() throws Exception {
            EditorWindow window = open(Optional.of(graphFile));

            List<NodeId> added = execute(() -> window.clipboard().duplicate(Set.of(KEYFRAME)));

            assertThat(added).containsExactly(NodeId.of("keyframe-1"));
            assertThat(execute(() -> window.canvas().selectedNode()))
                    .contains(NodeId.of("keyframe-1"));
            assertThat((String) clipboard.getData(DataFlavor.stringFlavor))
                    .isEqualTo("marker text");
        }

        @Test
        void ctrlDDuplicatesCanvasSelection() {
            EditorWindow window = open(Optional.of(graphFile));
            execute(() -> window.canvas().select(Optional.of(KEYFRAME)));
            robot.focusAndWaitForFocusGain(robot.finder().findByName(window, "canvas.graph",
                    Component.class));

            robot.pressKey(KeyEvent.VK_CONTROL);
            robot.pressAndReleaseKey(KeyEvent.VK_D);
            robot.releaseKey(KeyEvent.VK_CONTROL);
            waitFor(window, "the duplicate", () -> window.document().graph()
                    .node(NodeId.of("keyframe-1")).isPresent());

            assertThat(execute(() -> window.document().graph().requireNode(NodeId.of("keyframe-1"))
                    .params())).isEqualTo(execute(() -> window.document().graph()
                            .requireNode(KEYFRAME).params()));
        }

        @Test
        void pasteOfOtherTextChangesNothing() {
            EditorWindow window = open(Optional.of(graphFile));
            Graph before = execute(() -> window.document().graph());

            List<NodeId> pasted = execute(() -> window.clipboard().paste());

            assertThat(pasted).isEmpty();
            assertThat(execute(() -> window.document().graph())).isEqualTo(before);
            assertThat(execute(window::recentMessages))
                    .anySatisfy(message -> assertThat(message)
                    .startsWith("The clipboard does not contain Reelgraph nodes: the clipboard:1:1:"));
        }

        @Test
        void saveAsWithKeyWritesNothing() {
            EditorWindow window = open(Optional.of(graphFile));
            execute(() -> window.setParam(PROMPT, "styleText", TextNode.valueOf(KEY)));
            Path export = temp.resolve("film/export.reelgraph");

            SwingUtilities.invokeLater(() -> window.saveTo(export));
            JOptionPaneFixture error = optionPane();
            String message = error.target().getMessage().toString();
            error.okButton().click();

            assertThat(export).doesNotExist();
            assertThat(message).contains("node shot-prompt, field params.styleText")
                    .doesNotContain(KEY);
        }
    }

    @Nested
    class OutsideFiles {

        private static final NodeId REFERENCE = NodeId.of("juno-ref");

        private Path outside;

        /** Moves the sample's reference image out of the graph's folder and points to it. */
        @BeforeEach
        void moveReferenceOut() throws Exception {
            outside = Files.createDirectories(temp.resolve("shared")).resolve("juno.png");
            Files.move(graphFile.resolveSibling("refs/juno.png"), outside);
            Graph graph = GraphFile.read(graphFile).withParam(REFERENCE, "file",
                    TextNode.valueOf("../shared/juno.png"));
            GraphFile.write(graph, graphFile, "test");
        }

        @Test
        void dialogNamesNodeParamAndPath() {
            open(Optional.of(graphFile));

            JOptionPaneFixture dialog = optionPane();
            String message = dialog.target().getMessage().toString();
            press(dialog, "Deny");

            assertThat(message).startsWith("Node juno-ref, param file refers to\n" + outside
                    + ",\noutside the graph's folder " + graphFile.getParent() + ".");
        }

        @Test
        void denyLeavesNodeInError() {
            EditorWindow window = open(Optional.of(graphFile));

            press(optionPane(), "Deny");
            waitFor(window, "a problem on the reference node", () -> window.problems().stream()
                    .anyMatch(problem -> problem.node().equals(Optional.of(REFERENCE))));

            String problem = execute(() -> window.problems().stream()
                    .filter(p -> p.node().equals(Optional.of(REFERENCE))).findFirst()
                    .orElseThrow().describe());
            assertThat(problem).contains("File reference \"../shared/juno.png\" resolves to "
                    + outside + ", outside the graph file's folder");
            // The plan after the decision shows the node's error in the status bar.
            assertThat(execute(window::messageText)).isEqualTo(problem);
            assertThat(execute(() -> window.currentPlan().isPresent())).isFalse();
        }

        @Test
        void allowOnceLetsGraphPlan() {
            EditorWindow window = open(Optional.of(graphFile));

            press(optionPane(), "Allow once");
            waitFor(window, "the plan", () -> window.currentPlan().isPresent());

            assertThat(execute(() -> window.problems().stream()
                    .filter(p -> p.node().equals(Optional.of(REFERENCE))).toList())).isEmpty();
        }

        @Test
        void allowFolderCoversOtherFilesThere() throws Exception {
            Files.copy(outside, outside.resolveSibling("mara.png"));
            EditorWindow window = open(Optional.of(graphFile));
            press(optionPane(), "Allow folder");
            waitFor(window, "the plan", () -> window.currentPlan().isPresent());

            execute(() -> window.setParam(REFERENCE, "file",
                    TextNode.valueOf("../shared/mara.png")));
            robot.waitForIdle();
            waitFor(window, "the plan", () -> window.currentPlan().isPresent());

            // The plan exists only when validation found no error, so mara.png was readable.
            assertThat(execute(() -> window.currentPlan().isPresent())).isTrue();
            assertThat(execute(() -> window.document().graph().requireNode(REFERENCE)
                    .param("file"))).contains(TextNode.valueOf("../shared/mara.png"));
        }
    }

    @Nested
    class Theme {

        @Test
        void darkChoiceAppliesAndIsSaved() {
            EditorWindow window = open(Optional.of(graphFile));
            FrameFixture frame = new FrameFixture(robot, window);

            frame.menuItemWithPath("View", "Theme", "Dark").click();
            waitFor(window, "the dark theme", () -> javax.swing.UIManager.getLookAndFeel()
                    instanceof com.formdev.flatlaf.FlatDarkLaf);

            assertThat(ThemeChoice.load(home)).isEqualTo(ThemeChoice.DARK);
            assertThat(execute(window::recentMessages)).contains("Theme: Dark.");
        }
    }

    private static void waitFor(EditorWindow window, String description,
            java.util.function.Supplier<Boolean> condition) {
        org.assertj.swing.timing.Pause.pause(new org.assertj.swing.timing.Condition(description) {
            @Override
            public boolean test() {
                return execute(condition::get);
            }
        }, org.assertj.swing.timing.Timeout.timeout(120_000));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A dropped list of files, as a file manager offers it. */
    private record FileList(List<File> files) implements Transferable {

        @Override
        public DataFlavor[] getTransferDataFlavors() {
            return new DataFlavor[] {DataFlavor.javaFileListFlavor};
        }

        @Override
        public boolean isDataFlavorSupported(DataFlavor flavor) {
            return DataFlavor.javaFileListFlavor.equals(flavor);
        }

        @Override
        public Object getTransferData(DataFlavor flavor) {
            return files;
        }
    }
}
