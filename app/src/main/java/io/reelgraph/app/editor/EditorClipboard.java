package io.reelgraph.app.editor;

import io.reelgraph.engine.file.GraphFileException;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Copy, cut, paste and duplicate of nodes for one editor window. Copied nodes travel as graph
 * file text, checked for API keys first: a node with a key in a param is not copied and the
 * clipboard keeps its content. All methods run on the event dispatch thread.
 */
final class EditorClipboard {

    private final EditorWindow window;
    private final Clipboard clipboard;
    private final String writtenBy;

    EditorClipboard(EditorWindow window, Clipboard clipboard, String writtenBy) {
        this.window = window;
        this.clipboard = clipboard;
        this.writtenBy = writtenBy;
    }

    /** Puts the nodes on the clipboard; returns false, with a message, if the copy was rejected. */
    boolean copy(Set<NodeId> nodes) {
        EditorWindow.requireEventDispatchThread();
        Optional<String> text = text(nodes, "copy");
        if (text.isEmpty()) {
            return false;
        }
        StringSelection selection = new StringSelection(text.get());
        clipboard.setContents(selection, selection);
        window.say("Copied " + count(nodes.size()) + ".");
        return true;
    }

    /** Copies the nodes, then deletes them if the copy succeeded. */
    boolean cut(Set<NodeId> nodes) {
        if (!copy(nodes)) {
            return false;
        }
        window.delete(nodes, Set.of());
        window.say("Cut " + count(nodes.size()) + ".");
        return true;
    }

    /** Adds the nodes on the clipboard under fresh ids; returns the added ids. */
    List<NodeId> paste() {
        EditorWindow.requireEventDispatchThread();
        Optional<String> text = clipboardText();
        if (text.isEmpty()) {
            window.say("The clipboard contains no text, so there are no nodes to paste.");
            return List.of();
        }
        Graph fragment;
        try {
            fragment = GraphTransfer.parse(text.get());
        } catch (GraphFileException e) {
            window.say("The clipboard does not contain Reelgraph nodes: " + e.getMessage());
            return List.of();
        }
        return add(fragment, "Pasted");
    }

    /** Adds copies of the nodes next to them without touching the clipboard. */
    List<NodeId> duplicate(Set<NodeId> nodes) {
        EditorWindow.requireEventDispatchThread();
        Optional<String> text = text(nodes, "duplicate");
        if (text.isEmpty()) {
            return List.of();
        }
        try {
            return add(GraphTransfer.parse(text.get()), "Duplicated");
        } catch (GraphFileException e) {
            throw new IllegalStateException("Copied nodes did not parse again: "
                    + e.getMessage(), e);
        }
    }

    private Optional<String> text(Set<NodeId> nodes, String verb) {
        Set<NodeId> present = new LinkedHashSet<>(nodes);
        present.removeIf(id -> window.document().graph().node(id).isEmpty());
        if (present.isEmpty()) {
            window.say("Select one or more nodes to " + verb + ".");
            return Optional.empty();
        }
        try {
            return Optional.of(GraphTransfer.copy(window.document().graph(), present, writtenBy));
        } catch (GraphTransfer.SecretInParamException e) {
            window.say(e.getMessage());
            return Optional.empty();
        } catch (GraphFileException e) {
            window.say("Not copied: " + e.problem());
            return Optional.empty();
        }
    }

    private List<NodeId> add(Graph fragment, String verb) {
        GraphTransfer.Pasted pasted;
        try {
            pasted = GraphTransfer.paste(window.document().graph(), fragment);
        } catch (IllegalArgumentException e) {
            window.say(e.getMessage());
            return List.of();
        }
        window.document().edit(pasted.graph());
        if (pasted.added().size() == 1) {
            window.canvas().select(Optional.of(pasted.added().get(0)));
        }
        window.say(verb + " " + count(pasted.added().size()) + ": "
                + String.join(", ", pasted.added().stream().map(NodeId::value).toList()) + ".");
        return pasted.added();
    }

    private Optional<String> clipboardText() {
        try {
            if (!clipboard.isDataFlavorAvailable(DataFlavor.stringFlavor)) {
                return Optional.empty();
            }
            return Optional.of((String) clipboard.getData(DataFlavor.stringFlavor));
        } catch (UnsupportedFlavorException | IOException | IllegalStateException e) {
            // IllegalStateException: another application owns the system clipboard right now.
            window.say("Failed to read the clipboard: " + e.getMessage() + "; try again.");
            return Optional.empty();
        }
    }

    private static String count(int nodes) {
        return nodes == 1 ? "1 node" : nodes + " nodes";
    }
}
