package io.reelgraph.app.editor;

import io.reelgraph.engine.file.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graph files opened or saved last, newest first, at most {@link #MAX_FILES}, kept in a text
 * file with one absolute path per line. A store that cannot be read or written is logged and the
 * list works in memory, because a lost recent list must never stop the editor.
 */
public final class RecentFiles {

    static final int MAX_FILES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(RecentFiles.class);

    private final Path store;
    private final List<Path> files = new ArrayList<>();

    private RecentFiles(Path store) {
        this.store = store;
    }

    /** Loads the list from {@code store}; a missing store gives an empty list. */
    public static RecentFiles load(Path store) {
        RecentFiles recent = new RecentFiles(store);
        if (!Files.isRegularFile(store)) {
            return recent;
        }
        try {
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && recent.files.size() < MAX_FILES) {
                    recent.files.add(Path.of(line.strip()));
                }
            }
        } catch (IOException | InvalidPathException e) {
            LOG.warn("Failed to read the recent files list {}; starting with an empty one",
                    store, e);
        }
        return recent;
    }

    /** Returns the files, newest first. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    /** Moves a file to the top of the list and saves the list. */
    public void add(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        while (files.size() > MAX_FILES) {
            files.remove(files.size() - 1);
        }
        persist();
    }

    /** Removes the files that no longer exist, saves the list and returns the removed ones. */
    public List<Path> removeMissing() {
        List<Path> missing = files.stream().filter(file -> !Files.isRegularFile(file)).toList();
        if (!missing.isEmpty()) {
            files.removeAll(missing);
            persist();
        }
        return missing;
    }

    // NOTE: this writes, with fsync, on the caller's thread, which is the event dispatch thread
    // in the editor, as opening and saving a graph are. The file is at most ten lines.
    private void persist() {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            text.append(file).append('\n');
        }
        try {
            AtomicFiles.write(store, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("Failed to save the recent files list {}", store, e);
        }
    }
}
