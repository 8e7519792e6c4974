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

    /** Shows the dialog; closing it denies, because reading needs explicit consent. */
    static PathConsent.Decision ask(Component parent, PathConsent.OutsideReference reference,
            Path graphFolder) {
        Object[] options = {ALLOW_ONCE, ALLOW_FOLDER, DENY};
        int answer = JOptionPane.showOptionDialog(parent, message(reference, graphFolder),
                "File outside the graph's folder", JOptionPane.YES_NO_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE, null, options, options[2]);
        return switch (answer) {
            case 0 -> PathConsent.Decision.ALLOW_ONCE;
            case 1 -> PathConsent.Decision.ALLOW_FOLDER;
            default -> PathConsent.Decision.DENY;
        };
    }

    static String message(PathConsent.OutsideReference reference, Path graphFolder) {
        return "Node " + reference.node() + ", param " + reference.param() + " refers to\n"
                + reference.path() + ",\noutside the graph's folder " + graphFolder + ".\n\n"
                + "Through such a reference, a graph from someone else can read a file it was\n"
                + "never meant to see and upload it to a provider. Allow it only if you trust\n"
                + "this graph.\n\n"
                + "Allow once: this file, until the window closes.\n"
                + "Allow folder: every file in " + reference.path().getParent()
                + ", until the window closes.\n"
                + "Deny: the node stays in error.";
    }
}
