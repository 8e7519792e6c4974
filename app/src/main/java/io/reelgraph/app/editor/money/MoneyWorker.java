package io.reelgraph.app.editor.money;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread per dialog for vault, budget and ledger work, which reads files and the
 * database and derives keys with Argon2id, so it never runs on the event dispatch thread. Tasks
 * run in the order they were submitted.
 */
final class MoneyWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MoneyWorker.class);

    /** Work that may fail with any exception; the failure goes to the dialog. */
    interface Task<T> {
        T run() throws Exception;
    }

    private final ExecutorService executor;

    MoneyWorker(String name) {
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "reelgraph-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code task} on the background thread and hands its result, or its failure, to the
     * event dispatch thread.
     */
    <T> void submit(String description, Task<T> task, Consumer<T> onResult,
            Consumer<Exception> onFailure) {
        if (executor.isShutdown()) {
            // Swing may dispose a dialog twice, such as once itself and once with its owner.
            LOG.debug("Skipped the request to {} because the dialog was closed", description);
            return;
        }
        executor.execute(() -> {
            try {
                T result = task.run();
                SwingUtilities.invokeLater(() -> onResult.accept(result));
            } catch (Exception e) {
                LOG.warn("Failed to {}: {}", description, e.getMessage());
                SwingUtilities.invokeLater(() -> onFailure.accept(e));
            }
        });
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
