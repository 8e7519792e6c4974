package io.reelgraph.app.editor;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Window;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.UnsupportedLookAndFeelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sets the FlatLaf light or dark theme; a theme that fails to load is logged and skipped. */
public final class Themes {

    private static final Logger LOG = LoggerFactory.getLogger(Themes.class);

    private Themes() {
    }

    /** Installs a theme before the first window opens. */
    public static void install(boolean dark) {
        try {
            UIManager.setLookAndFeel(dark ? new FlatDarkLaf() : new FlatLightLaf());
        } catch (UnsupportedLookAndFeelException | RuntimeException e) {
            LOG.error("Failed to set the {} theme; keeping the default look", dark ? "dark" : "light",
                    e);
        }
    }

    /**
     * Applies and saves a View > Theme choice. Reading the OS preference starts a process, so it
     * runs on a background thread and the theme changes on the event dispatch thread after.
     */
    static void choose(EditorWindow window, ThemeChoice choice, Path home) {
        CompletableFuture.supplyAsync(() -> {
            choice.save(home);
            return choice.dark();
        }).thenAccept(dark -> SwingUtilities.invokeLater(() -> {
            switchTo(window, dark);
            window.say("Theme: " + choice.label() + (choice == ThemeChoice.SYSTEM
                    ? (dark ? " (dark)" : " (light)") : "") + ".");
        }));
    }

    static void switchTo(EditorWindow window, boolean dark) {
        install(dark);
        for (Window open : Window.getWindows()) {
            SwingUtilities.updateComponentTreeUI(open);
        }
        // The canvas takes its colours from the theme when it draws the graph again.
        window.canvas().showGraph(window.document().graph(), window.workspaceTypes());
    }
}
