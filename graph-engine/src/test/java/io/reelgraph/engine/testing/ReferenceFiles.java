package io.reelgraph.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the shared reference folder (public format samples and DTDs) that sits beside the
 * repository checkout. Tests that read it skip themselves when it is absent.
 */
public final class ReferenceFiles {

    private static final String PROPERTY = "reelgraph.reference.dir";

    private ReferenceFiles() {
    }

    /**
     * Returns the reference folder: the {@value #PROPERTY} system property when set, otherwise the
     * first {@code shared/reference} folder found in the working directory or one of its parents.
     */
    public static Optional<Path> root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath();
            return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("reference");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Returns a path inside the reference folder, if the folder and the path both exist. */
    public static Optional<Path> find(String relative) {
        return root().map(root -> root.resolve(relative)).filter(Files::exists);
    }

    /** Returns the repository root: the nearest parent of the working directory with a .git entry. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No .git folder above " + Path.of("").toAbsolutePath());
    }
}
