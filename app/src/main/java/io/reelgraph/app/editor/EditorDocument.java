package io.reelgraph.app.editor;

import io.reelgraph.engine.graph.Graph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The graph being edited: the current graph, the file it came from, its undo history and
 * whether it differs from what was last saved. Confined to the event dispatch thread.
 */
public final class EditorDocument {

    /** Receives the document after every change of graph, file or saved state. */
    public interface Listener {
        void documentChanged(EditorDocument document);
    }

    private final GraphHistory history = new GraphHistory();
    private final List<Listener> listeners = new ArrayList<>();
    private Graph graph;
    private Graph saved;
    private Optional<Path> file;

    public EditorDocument(Graph graph, Optional<Path> file) {
        this.graph = graph;
        this.saved = graph;
        this.file = file.map(path -> path.toAbsolutePath().normalize());
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public Graph graph() {
        return graph;
    }

    public Optional<Path> file() {
        return file;
    }

    /** Returns whether the graph differs from the one last opened or saved. */
    public boolean dirty() {
        return !graph.equals(saved);
    }

    /** Applies an edit; an edit that changes nothing leaves the history alone. */
    public void edit(Graph changed) {
        if (changed.equals(graph)) {
            return;
        }
        history.recordEdit(graph);
        graph = changed;
        fire();
    }

    public boolean canUndo() {
        return history.canUndo();
    }

    public boolean canRedo() {
        return history.canRedo();
    }

    public void undo() {
        graph = history.undo(graph);
        fire();
    }

    public void redo() {
        graph = history.redo(graph);
        fire();
    }

    /** Replaces the document with an opened or new graph and forgets the history. */
    public void replace(Graph opened, Optional<Path> openedFile) {
        history.clear();
        graph = opened;
        saved = opened;
        file = openedFile.map(path -> path.toAbsolutePath().normalize());
        fire();
    }

    /** Records that the current graph was written to {@code savedFile}. */
    public void markSaved(Path savedFile) {
        saved = graph;
        file = Optional.of(savedFile.toAbsolutePath().normalize());
        fire();
    }

    /** Returns the folder that file references resolve against and outputs go beside. */
    public Path folder() {
        return file.map(Path::getParent)
                .orElseGet(() -> Path.of("").toAbsolutePath().normalize());
    }

    private void fire() {
        for (Listener listener : List.copyOf(listeners)) {
            listener.documentChanged(this);
        }
    }
}
