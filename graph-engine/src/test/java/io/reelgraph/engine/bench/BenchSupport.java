package io.reelgraph.engine.bench;

import io.reelgraph.engine.run.EvaluationContext;
import io.reelgraph.engine.testing.TestContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders, evaluation contexts and result checks shared by the benchmarks. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** Creates an empty folder under the system temporary folder. */
    static Path newFolder(String prefix) {
        try {
            return Files.createTempDirectory("reelgraph-bench-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create a temporary folder for " + prefix, e);
        }
    }

    static EvaluationContext context(Path folder) {
        return TestContexts.context(folder.resolve("out"));
    }

    /** Deletes a folder and everything in it, unless the folder does not exist. */
    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete benchmark folder " + folder, e);
        }
    }

    /**
     * Fails the benchmark when a count differs from the expected one, so a measurement of an
     * engine that computed too much or too little is never reported as valid.
     */
    static void expect(String count, long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException(count + ": expected " + expected + ", got " + actual);
        }
    }
}
