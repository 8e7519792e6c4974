package io.reelgraph.app.editor;

import io.reelgraph.app.Home;
import io.reelgraph.app.Workspace;
import io.reelgraph.engine.file.GraphFileException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Opens the editor from the command line and waits until its window is closed. */
public final class EditorLauncher {

    private EditorLauncher() {
    }

    /** Returns whether a display is available to open the editor on. */
    public static boolean displayAvailable() {
        return !GraphicsEnvironment.isHeadless();
    }

    /**
     * Opens the editor on a graph file, or on an empty graph, and blocks until the window closes.
     *
     * @throws GraphFileException when the graph file cannot be read
     */
    public static void openAndWait(Optional<Path> file) throws GraphFileException,
            InterruptedException {
        Themes.install(ThemeChoice.load(Home.folder()).dark());
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<GraphFileException> failure = new AtomicReference<>();
        try (Workspace workspace = Workspace.standard(new PassphraseDialog())) {
            EventQueue.invokeAndWait(() -> {
                try {
                    EditorWindow.open(workspace, file).onClosed(closed::countDown);
                } catch (GraphFileException e) {
                    failure.set(e);
                    closed.countDown();
                }
            });
            closed.await();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("The editor failed to open: "
                    + e.getCause().getMessage(), e.getCause());
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
