package io.reelgraph.app.editor;

import io.reelgraph.engine.file.GraphFile;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.TransferHandler;

/**
 * Accepts a {@code .reelgraph} file dropped from the file manager and hands it to the window to
 * open. Only the first graph file of a dropped list is opened; other files are ignored.
 */
final class GraphFileDrop extends TransferHandler {

    private final Consumer<Path> open;
    private final Consumer<String> messages;

    GraphFileDrop(Consumer<Path> open, Consumer<String> messages) {
        this.open = open;
        this.messages = messages;
    }

    @Override
    public boolean canImport(TransferSupport support) {
        return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!canImport(support)) {
            return false;
        }
        List<Path> dropped;
        try {
            dropped = files(support.getTransferable().getTransferData(
                    DataFlavor.javaFileListFlavor));
        } catch (UnsupportedFlavorException | IOException e) {
            messages.accept("Failed to read the dropped files: " + e.getMessage());
            return false;
        }
        Optional<Path> graph = dropped.stream()
                .filter(path -> path.getFileName().toString().endsWith(GraphFile.EXTENSION))
                .findFirst();
        if (graph.isEmpty()) {
            messages.accept("None of the dropped files is a " + GraphFile.EXTENSION
                    + " graph file; drop a graph file to open it.");
            return false;
        }
        open.accept(graph.get());
        return true;
    }

    private static List<Path> files(Object data) {
        if (!(data instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(File.class::isInstance).map(File.class::cast)
                .map(File::toPath).toList();
    }
}
