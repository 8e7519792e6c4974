package io.reelgraph.engine.file;

import io.reelgraph.engine.type.FileAccess;
import io.reelgraph.engine.type.NodeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * File access for one graph: references are resolved relative to the graph file's folder, and a
 * reference that leaves that folder (an absolute path, {@code ..}, or a symbolic link that points
 * out) is rejected unless it lands in one of the extra folders the user allowed. A shared graph
 * file therefore cannot read, and so upload, a file it was never meant to see.
 */
public final class FolderFileAccess implements FileAccess {

    private final Path graphFolder;
    private final List<Path> allowedFolders;

    /**
     * Creates file access for a graph.
     *
     * @param graphFolder the folder that contains the graph file
     * @param extraFolders further folders the user allowed references into
     */
    public FolderFileAccess(Path graphFolder, List<Path> extraFolders) {
        this.graphFolder = graphFolder.toAbsolutePath().normalize();
        List<Path> folders = new ArrayList<>();
        folders.add(this.graphFolder);
        for (Path extra : extraFolders) {
            folders.add(extra.toAbsolutePath().normalize());
        }
        this.allowedFolders = List.copyOf(folders);
    }

    /** Creates file access that allows only the graph file's own folder. */
    public static FolderFileAccess of(Path graphFolder) {
        return new FolderFileAccess(graphFolder, List.of());
    }

    public Path graphFolder() {
        return graphFolder;
    }

    @Override
    public Path resolve(String reference) throws NodeException {
        Path candidate = candidate(reference);
        if (allowedFolderOf(candidate).isEmpty()) {
            throw notAllowed(reference, candidate);
        }
        // A symbolic link inside an allowed folder may still point out of it.
        Path real = realPath(reference, candidate);
        if (!isInside(real, realFolders())) {
            throw notAllowed(reference, real);
        }
        return real;
    }

    @Override
    public byte[] read(String reference, long maxBytes) throws NodeException {
        Path file = resolve(reference);
        if (!Files.isRegularFile(file)) {
            throw new NodeException("File \"" + reference + "\" not found in " + graphFolder
                    + "; check the name, which is relative to the graph file's folder");
        }
        try (InputStream in = Files.newInputStream(file)) {
            // Reads one byte past the cap, so a file that grows while being read is caught too.
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new NodeException("File \"" + reference + "\" is larger than the limit of "
                        + maxBytes + " bytes for this input; use a smaller file");
            }
            return bytes;
        } catch (IOException e) {
            throw new NodeException("Failed to read file \"" + reference + "\" (" + file + "): "
                    + e.getMessage(), e);
        }
    }

    private Path candidate(String reference) throws NodeException {
        if (reference.isBlank()) {
            throw new NodeException("File reference is empty; give a path relative to the graph "
                    + "file's folder " + graphFolder);
        }
        if (reference.indexOf('\0') >= 0 || reference.indexOf('\\') >= 0
                || reference.matches("^[A-Za-z]:.*")) {
            throw new NodeException("File reference \"" + reference + "\" is malformed; use '/' "
                    + "between folders and a path relative to " + graphFolder);
        }
        try {
            Path path = Path.of(reference);
            return (path.isAbsolute() ? path : graphFolder.resolve(path)).normalize();
        } catch (InvalidPathException e) {
            throw new NodeException("File reference \"" + reference + "\" is not a valid path: "
                    + e.getReason(), e);
        }
    }

    /** Resolves symbolic links of the file, or of its nearest existing parent if it is missing. */
    private Path realPath(String reference, Path candidate) throws NodeException {
        Path existing = candidate;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return candidate;
        }
        try {
            Path real = existing.toRealPath();
            return real.resolve(existing.relativize(candidate)).normalize();
        } catch (NoSuchFileException e) {
            return candidate;
        } catch (IOException e) {
            throw new NodeException("Failed to resolve file \"" + reference + "\": "
                    + e.getMessage(), e);
        }
    }

    private List<Path> realFolders() {
        List<Path> real = new ArrayList<>();
        for (Path folder : allowedFolders) {
            try {
                real.add(folder.toRealPath());
            } catch (IOException e) {
                real.add(folder);
            }
        }
        return real;
    }

    private Optional<Path> allowedFolderOf(Path path) {
        return allowedFolders.stream().filter(path::startsWith).findFirst();
    }

    private static boolean isInside(Path path, List<Path> folders) {
        return folders.stream().anyMatch(path::startsWith);
    }

    private NodeException notAllowed(String reference, Path resolved) {
        String extra = allowedFolders.size() > 1
                ? " or the allowed folders " + allowedFolders.subList(1, allowedFolders.size())
                : "";
        return new NodeException("File reference \"" + reference + "\" resolves to " + resolved
                + ", outside the graph file's folder " + graphFolder + extra + ". Move the file "
                + "into that folder, or allow its folder explicitly if you trust this graph");
    }
}
