package io.reelgraph.app.editor.preview;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one background thread that decodes previews, so decoding never runs on the EDT. */
final class Decoding {

    private static final Logger LOG = LoggerFactory.getLogger(Decoding.class);

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "reelgraph-preview-decoder");
        thread.setDaemon(true);
        return thread;
    });

    private Decoding() {
    }

    /** A decoding step that may fail with a message for the user. */
    interface Step<T> {
        T run() throws MediaDecodeException;
    }

    /** Receives a decoding outcome on the event dispatch thread. */
    interface Outcome<T> {
        void decoded(T value);

        void failed(String message);
    }

    /** Runs {@code step} on the decoder thread and hands its outcome to the EDT. */
    static <T> void submit(Step<T> step, Outcome<T> outcome) {
        WORKER.execute(() -> {
            try {
                T value = step.run();
                SwingUtilities.invokeLater(() -> outcome.decoded(value));
            } catch (MediaDecodeException e) {
                SwingUtilities.invokeLater(() -> outcome.failed(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("Failed to decode a preview", e);
                String message = "Preview decoding failed: " + e;
                SwingUtilities.invokeLater(() -> outcome.failed(message));
            }
        });
    }
}
