package io.reelgraph.app.editor;

import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.file.GraphFile;
import io.reelgraph.engine.file.GraphFileException;
import io.reelgraph.engine.graph.Graph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the edited graph to a recovery file under {@code REELGRAPH_HOME/recovery} while it has
 * unsaved changes, so that a crash loses at most a few seconds of work. A write happens once the
 * edits pause for {@link #QUIET_DELAY}, and at the latest {@link #MAX_DELAY} after the first
 * unsaved change. The recovery file is written like a save: atomically and only after the secret
 * scan passes. It never replaces the user's graph file, and a clean save or close deletes it.
 *
 * <p>The timers and {@link #saveNow()} run on the event dispatch thread; the file work runs on
 * one background thread, so writes and deletes happen in the order they were requested.
 */
public final class Autosave implements AutoCloseable {

    /** How long the edits must pause before the recovery file is written. */
    static final Duration QUIET_DELAY = Duration.ofSeconds(5);

    /** The maximum time an unsaved change waits for a recovery write while edits go on. */
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(Autosave.class);
    private static final String UNTITLED = "untitled" + GraphFile.EXTENSION;

    /** A recovery file found for a graph, with its time and the graph file's time, if any. */
    public record Recovery(Path file, Instant written, Optional<Instant> graphFileWritten) {
    }

    private final EditorDocument document;
    private final Path recoveryFolder;
    private final String writtenBy;
    private final Consumer<String> messages;
    private final Timer quietTimer;
    private final Timer maxTimer;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "reelgraph-autosave");
        thread.setDaemon(true);
        return thread;
    });
    private Optional<Path> written = Optional.empty();

    /**
     * Starts watching a document.
     *
     * @param recoveryFolder the folder for recovery files, {@code REELGRAPH_HOME/recovery}
     * @param writtenBy the program and version written into the recovery file
     * @param messages receives, on the event dispatch thread, why a recovery write failed
     */
    public Autosave(EditorDocument document, Path recoveryFolder, String writtenBy,
            Consumer<String> messages) {
        this.document = document;
        this.recoveryFolder = recoveryFolder.toAbsolutePath().normalize();
        this.writtenBy = writtenBy;
        this.messages = messages;
        this.quietTimer = new Timer((int) QUIET_DELAY.toMillis(), event -> saveNow());
        this.maxTimer = new Timer((int) MAX_DELAY.toMillis(), event -> saveNow());
        quietTimer.setRepeats(false);
        maxTimer.setRepeats(false);
        document.addListener(changed -> documentChanged());
    }

    /** Returns the recovery file of a graph file, or of an untitled graph. */
    public static Path recoveryFile(Path recoveryFolder, Optional<Path> graphFile) {
        if (graphFile.isEmpty()) {
            return recoveryFolder.resolve(UNTITLED);
        }
        // Two graphs of the same name in different folders need different recovery files.
        Path absolute = graphFile.get().toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        String stem = name.endsWith(GraphFile.EXTENSION)
                ? name.substring(0, name.length() - GraphFile.EXTENSION.length())
                : name;
        String pathHash = ContentHash.of(absolute.toString().getBytes(StandardCharsets.UTF_8))
                .shortForm();
        return recoveryFolder.resolve(stem + "-" + pathHash + GraphFile.EXTENSION);
    }

    /**
     * Looks for a recovery file worth offering: one newer than the graph file, or any one for an
     * untitled graph or a graph file that no longer exists.
     */
    public static Optional<Recovery> find(Path recoveryFolder, Optional<Path> graphFile)
            throws IOException {
        Path recovery = recoveryFile(recoveryFolder, graphFile);
        if (!Files.isRegularFile(recovery)) {
            return Optional.empty();
        }
        Instant written = Files.getLastModifiedTime(recovery).toInstant();
        Optional<Instant> graphWritten = Optional.empty();
        if (graphFile.isPresent() && Files.exists(graphFile.get())) {
            graphWritten = Optional.of(Files.getLastModifiedTime(graphFile.get()).toInstant());
        }
        if (graphWritten.isPresent() && !written.isAfter(graphWritten.get())) {
            return Optional.empty();
        }
        return Optional.of(new Recovery(recovery, written, graphWritten));
    }

    /**
     * Writes the recovery file now if the document has unsaved changes. The returned future
     * completes once the write finished or failed. A failed write is reported through the
     * message consumer.
     */
    public CompletableFuture<Void> saveNow() {
        EditorWindow.requireEventDispatchThread();
        quietTimer.stop();
        maxTimer.stop();
        if (!document.dirty()) {
            return CompletableFuture.completedFuture(null);
        }
        Graph graph = document.graph();
        Path target = recoveryFile(recoveryFolder, document.file());
        Optional<Path> previous = written;
        written = Optional.of(target);
        return CompletableFuture.runAsync(() -> write(graph, target, previous), writer);
    }

    /** Deletes the recovery file this autosave wrote, after a clean save or a close. */
    public CompletableFuture<Void> discard() {
        EditorWindow.requireEventDispatchThread();
        quietTimer.stop();
        maxTimer.stop();
        Optional<Path> previous = written;
        written = Optional.empty();
        return CompletableFuture.runAsync(() -> previous.ifPresent(Autosave::delete), writer);
    }

    /** Deletes a recovery file the user chose not to restore. */
    public CompletableFuture<Void> discard(Recovery recovery) {
        EditorWindow.requireEventDispatchThread();
        return CompletableFuture.runAsync(() -> delete(recovery.file()), writer);
    }

    /**
     * Takes over a restored recovery file, so that the next clean save or close deletes it even
     * when no autosave ran in between.
     */
    public void adopt(Recovery recovery) {
        EditorWindow.requireEventDispatchThread();
        written = Optional.of(recovery.file());
    }

    /** Returns the recovery file to offer for the document's graph file, if there is one. */
    public Optional<Recovery> pending() throws IOException {
        return find(recoveryFolder, document.file());
    }

    private void documentChanged() {
        if (!document.dirty()) {
            if (written.isPresent()) {
                discard();
            }
            return;
        }
        quietTimer.restart();
        if (!maxTimer.isRunning()) {
            maxTimer.start();
        }
    }

    private void write(Graph graph, Path target, Optional<Path> previous) {
        try {
            Files.createDirectories(recoveryFolder);
            GraphFile.write(graph, target, writtenBy);
            LOG.debug("Wrote recovery file {}", target);
        } catch (GraphFileException e) {
            LOG.warn("Failed to write recovery file {}: {}", target, e.getMessage());
            report("Autosave did not write a recovery file: " + e.getMessage());
            return;
        } catch (IOException e) {
            LOG.warn("Failed to create the recovery folder {}", recoveryFolder, e);
            report("Autosave failed to create " + recoveryFolder + ": " + e.getMessage()
                    + "; check that REELGRAPH_HOME is writable");
            return;
        }
        // After Save As, the recovery file of the old name is out of date.
        previous.filter(path -> !path.equals(target)).ifPresent(Autosave::delete);
    }

    private void report(String message) {
        SwingUtilities.invokeLater(() -> messages.accept(message));
    }

    private static void delete(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                LOG.debug("Deleted recovery file {}", file);
            }
        } catch (IOException e) {
            LOG.warn("Failed to delete recovery file {}", file, e);
        }
    }

    /** Stops the timers and waits for writes in flight; the recovery file stays. */
    @Override
    public void close() {
        quietTimer.stop();
        maxTimer.stop();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("Autosave did not finish writing within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
