package io.reelgraph.app.editor;

import java.awt.Component;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import javax.swing.JOptionPane;

/** Asks whether to restore the unsaved changes that autosave kept after a crash. */
final class RecoveryDialog {

    static final String RESTORE = "Restore";
    static final String DISCARD = "Discard";

    private static final DateTimeFormatter TIME = DateTimeFormatter
            .ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(Locale.getDefault())
            .withZone(ZoneId.systemDefault());

    private RecoveryDialog() {
    }

    /** The user's choice; closing the dialog decides nothing and keeps the recovery file. */
    enum Choice { RESTORE, DISCARD, KEEP }

    static Choice ask(Component parent, Autosave.Recovery recovery) {
        Object[] options = {RESTORE, DISCARD};
        int answer = JOptionPane.showOptionDialog(parent, message(recovery),
                "Recover unsaved changes", JOptionPane.YES_NO_OPTION,
                JOptionPane.QUESTION_MESSAGE, null, options, options[0]);
        return switch (answer) {
            case 0 -> Choice.RESTORE;
            case 1 -> Choice.DISCARD;
            default -> Choice.KEEP;
        };
    }

    static String message(Autosave.Recovery recovery) {
        String saved = recovery.graphFileWritten()
                .map(time -> "The graph file was last saved " + format(time) + ".")
                .orElse("The graph was never saved to a file.");
        return "Reelgraph closed without saving changes to this graph.\n"
                + "Autosave kept them " + format(recovery.written()) + ".\n" + saved + "\n\n"
                + "Restore the unsaved changes, or discard them?";
    }

    private static String format(Instant time) {
        return TIME.format(time);
    }
}
