package io.reelgraph.app.editor;

import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.file.AtomicFiles;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.nodes.cut.EdlWriter;
import io.reelgraph.nodes.cut.FcpxmlWriter;
import io.reelgraph.nodes.cut.Timeline;
import io.reelgraph.nodes.types.CutTimelineNode;
import java.awt.BorderLayout;
import java.awt.Desktop;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open Output Folder and Export Cut. Opening uses {@link Desktop#open} where the desktop
 * supports it, otherwise a dialog shows the path with a Copy button. Export writes the stored
 * timeline of a cut node as FCPXML or CMX 3600 EDL with the writers the cut node uses.
 */
final class OutputActions {

    /** Set this system property to {@code false} to always show the path instead of opening it. */
    static final String DESKTOP_PROPERTY = "reelgraph.desktop.open";

    private static final Logger LOG = LoggerFactory.getLogger(OutputActions.class);
    private static final ExecutorService FILES = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "reelgraph-editor-files");
        thread.setDaemon(true);
        return thread;
    });

    private final EditorWindow window;
    private final Evaluator evaluator;

    OutputActions(EditorWindow window, Evaluator evaluator) {
        this.window = window;
        this.evaluator = evaluator;
    }

    /** Opens the output folder in the desktop's file manager, or shows its path. */
    void openOutputFolder() {
        Path folder = Evaluator.outputFolder(window.document().folder()).toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(folder)) {
            window.say("The output folder " + folder + " does not exist yet; run the graph to"
                    + " create it.");
            return;
        }
        if (!desktopCanOpen()) {
            showPath(folder);
            return;
        }
        // Desktop.open can block while the file manager starts, so it runs off the EDT.
        FILES.execute(() -> {
            try {
                Desktop.getDesktop().open(folder.toFile());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Failed to open the output folder {}: {}", folder, e.getMessage());
                SwingUtilities.invokeLater(() -> showPath(folder));
            }
        });
        window.say("Opened " + folder + ".");
    }

    private static boolean desktopCanOpen() {
        return !"false".equals(System.getProperty(DESKTOP_PROPERTY))
                && Desktop.isDesktopSupported()
                && Desktop.getDesktop().isSupported(Desktop.Action.OPEN);
    }

    private void showPath(Path folder) {
        JDialog dialog = new JDialog(window, "Output folder", false);
        dialog.setName("outputFolder.dialog");
        JTextField path = new JTextField(folder.toString(), 48);
        path.setName("outputFolder.path");
        path.setEditable(false);
        JButton copy = new JButton("Copy");
        copy.setName("outputFolder.copy");
        copy.addActionListener(event -> {
            Toolkit.getDefaultToolkit().getSystemClipboard()
                    .setContents(new StringSelection(folder.toString()), null);
            window.say("Copied " + folder + " to the clipboard.");
        });
        JPanel content = new JPanel(new BorderLayout(8, 8));
        content.setBorder(BorderFactory.createEmptyBorder(10, 10, 10, 10));
        content.add(new JLabel("This desktop cannot open folders from Java; the outputs are"
                + " in:"), BorderLayout.NORTH);
        content.add(path, BorderLayout.CENTER);
        content.add(copy, BorderLayout.EAST);
        dialog.setContentPane(content);
        dialog.pack();
        dialog.setLocationRelativeTo(window);
        dialog.setVisible(true);
    }

    /** Asks for a file and exports the cut of the selected or only cut node to it. */
    void exportCut() {
        Optional<Node> cut = cutNode();
        if (cut.isEmpty()) {
            return;
        }
        JFileChooser chooser = new JFileChooser(window.document().folder().toFile());
        chooser.setFileFilter(new FileNameExtensionFilter("FCPXML or CMX 3600 EDL", "fcpxml",
                "edl"));
        if (chooser.showSaveDialog(window) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        exportCut(cut.get().id(), chooser.getSelectedFile().toPath());
    }

    /**
     * Exports the stored timeline of {@code node} to {@code target}: EDL when the file name
     * ends in {@code .edl}, otherwise FCPXML (adding {@code .fcpxml} when the name has neither).
     */
    void exportCut(NodeId node, Path target) {
        Optional<Plan> plan = window.currentPlan();
        Optional<PlannedItem> item = plan.flatMap(p -> p.byNode().getOrDefault(node, List.of())
                .stream().filter(planned -> planned.state().hasResult()).findFirst());
        if (item.isEmpty()) {
            window.say("Cut node " + node + " has no stored timeline yet; run the graph, then"
                    + " export the cut.");
            return;
        }
        Path file = withExtension(target);
        Path mediaFolder = Evaluator.outputFolder(window.document().folder()).resolve(
                window.document().graph().requireNode(node).param("folder")
                        .map(value -> value.asText()).orElse("cut"));
        evaluator.loadResult(item.get(), result -> FILES.execute(() -> {
            String message = write(node, result, file, mediaFolder);
            SwingUtilities.invokeLater(() -> window.say(message));
        }));
    }

    private static String write(NodeId node, Optional<CachedResult> result, Path file,
            Path mediaFolder) {
        Optional<PortValue> timeline = result.map(CachedResult::outputs)
                .map(outputs -> outputs.get("timeline"));
        if (timeline.isEmpty() || timeline.get().items().isEmpty()) {
            return "Cut node " + node + " has no stored timeline; run the graph, then export"
                    + " the cut.";
        }
        try {
            Timeline cut = Timeline.fromJson(timeline.get().single().json());
            String text = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".edl")
                    ? EdlWriter.write(cut)
                    : FcpxmlWriter.write(cut, mediaFolder);
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
            LOG.info("Exported the cut of node {} to {}", node, file);
            return "Exported the cut of node " + node + " to " + file + "; its media is in "
                    + mediaFolder.resolve("media") + ".";
        } catch (IOException e) {
            LOG.error("Failed to export the cut of node {} to {}", node, file, e);
            return "Failed to write " + file + ": " + e.getMessage()
                    + ". Choose a folder you can write to.";
        } catch (RuntimeException e) {
            LOG.error("Failed to export the cut of node {} to {}", node, file, e);
            return "Failed to export the cut of node " + node + ": " + e.getMessage();
        }
    }

    private static Path withExtension(Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".edl") || name.endsWith(".fcpxml")) {
            return target;
        }
        return target.resolveSibling(target.getFileName() + ".fcpxml");
    }

    private Optional<Node> cutNode() {
        List<Node> cuts = window.document().graph().nodes().stream()
                .filter(node -> node.type().equals(CutTimelineNode.ID)).toList();
        Optional<NodeId> selected = window.canvas().selectedNode();
        Optional<Node> chosen = cuts.stream()
                .filter(node -> selected.equals(Optional.of(node.id()))).findFirst();
        if (chosen.isPresent()) {
            return chosen;
        }
        if (cuts.size() == 1) {
            return Optional.of(cuts.get(0));
        }
        window.say(cuts.isEmpty()
                ? "The graph has no " + CutTimelineNode.ID + " node to export."
                : "The graph has " + cuts.size() + " cut nodes; select the one to export.");
        return Optional.empty();
    }
}
