package io.reelgraph.app.editor;

import java.awt.Component;
import java.nio.file.Path;
import javax.swing.JOptionPane;

/** Asks whether a graph may read a file outside its folder, naming node, param and path. */
final class PathConsentDialog {

    static final String ALLOW_ONCE = "Allow once";
    static final String ALLOW_FOLDER = "Allow folder";
    static final String DENY = "Deny";

    private PathConsentDialog() {
    }

    /** Returns the answer; closing the dialog denies, because reading needs explicit consent. */
    static PathConsent.Answer ask(Component parent, PathConsent.OutsideReference reference,
            Path graphFolder) {
        Object[] options = {ALLOW_ONCE, ALLOW_FOLDER, DENY};
        int answer = JOptionPane.showOptionDialog(parent, message(reference, graphFolder),
                "File outside the graph's folder", JOptionPane.YES_NO_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE, null, options, options[2]);
        return switch (answer) {
            case 0 -> PathConsent.Answer.ALLOW_ONCE;
            case 1 -> PathConsent.Answer.ALLOW_FOLDER;
            default -> PathConsent.Answer.DENY;
        };
    }

    static String message(PathConsent.OutsideReference reference, Path graphFolder) {
        return "Node " + reference.node() + ", param " + reference.param() + " refers to\n"
                + reference.path() + ",\noutside the graph's folder " + graphFolder + ".\n\n"
                + "A graph from someone else can use such a reference to read, and upload to a"
                + " provider,\na file it was never meant to see. Allow it only if you trust"
                + " this graph.\n\n"
                + "Allow once: this file, until the window closes.\n"
                + "Allow folder: every file in " + reference.path().getParent()
                + ", until the window closes.\n"
                + "Deny: the node stays in error.";
    }
}
