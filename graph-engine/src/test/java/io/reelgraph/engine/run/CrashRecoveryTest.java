package io.reelgraph.engine.run;

import static io.reelgraph.engine.run.PaidGraphRunner.RENDER_NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.PaidGraphRunner.SlowRender;
import io.reelgraph.engine.testing.TestContexts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash and restart tests of the H2 result cache under a real engine run. A child JVM runs
 * {@link PaidGraphRunner} on a cache folder and prints each paid item that the engine reports
 * done. The test then kills it or lets it finish, and reopens the same folder. The engine
 * promises that a result is committed (blob synced, then the row) before it is reported done.
 *
 * <p>NOTE: a kill only loses what the process had not yet handed to the operating system.
 * These tests cannot show that the fsync calls make results survive a power loss.
 */
// A blocked read of the child's output ignores interrupts, so the timeout runs the test on its
// own thread and fails it even then. Cleanup kills the child, which ends the read.
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class CrashRecoveryTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);

    /** Exit status of a process ended by SIGKILL, as {@link Process#exitValue} reports it. */
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path temp;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killLeftoverChildren() throws InterruptedException {
        for (Process child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Nested
    @EnabledOnOs({OS.LINUX, OS.MAC})
    class KillDuringRun {

        private static final int ITEMS = 60;
        // Not a multiple of the concurrency, so the kill does not wait for a whole batch of calls.
        private static final int KILL_AFTER = 13;

        @Test
        void reportedResultsSurviveKill() throws Exception {
            Path cacheFolder = temp.resolve("cache");
            Child child = start(cacheFolder, ITEMS);

            // Kill as soon as enough items are reported, so others are still being rendered.
            Map<String, CacheKey> reported = new LinkedHashMap<>();
            child.readDone(reported, KILL_AFTER);
            assertThat(child.process.isAlive())
                    .as("child is still running when %d items are reported", KILL_AFTER).isTrue();
            // Process.destroyForcibly also closes the pipe, which loses the lines the child wrote
            // before it died. The process handle sends the same SIGKILL and leaves the pipe open.
            assertThat(child.process.toHandle().destroyForcibly()).as("kill requested").isTrue();
            assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).as("child ended").isTrue();
            assertThat(child.process.exitValue()).as("exit status after SIGKILL")
                    .isEqualTo(SIGKILL_EXIT);

            // Lines the child wrote before it died are still in the pipe, and they count too.
            child.readDone(reported, Integer.MAX_VALUE);
            assertThat(child.finished).as("child reached the end of the run").isEmpty();
            assertThat(reported).as("items reported done before the kill")
                    .hasSizeGreaterThanOrEqualTo(KILL_AFTER)
                    .hasSizeLessThan(ITEMS);
            long partialBlobs = partialBlobs(cacheFolder);

            try (H2ResultCache cache = H2ResultCache.open(cacheFolder)) {
                assertThat(partialBlobs(cacheFolder)).as("partial blobs after reopening").isZero();
                assertThat(cache.size()).as("rows in the reopened cache")
                        .isGreaterThanOrEqualTo(reported.size());
                assertBlobFilesMatchTheirNames(cacheFolder);

                SlowRender render = new SlowRender();
                Engine engine = new Engine(PaidGraphRunner.registry(render), cache);
                Session session = engine.session(TestContexts.context(temp.resolve("out")));
                Graph graph = PaidGraphRunner.shots(ITEMS);
                Map<String, CacheKey> keys = PaidGraphRunner.paidKeys(session.plan(graph));

                assertReportedResultsReadable(cache, keys, reported);
                Set<String> committed = committedItems(cache, keys);
                assertThat(committed).as("items committed before the kill")
                        .containsAll(reported.keySet());
                Set<String> missing = new TreeSet<>(keys.keySet());
                missing.removeAll(committed);
                LOG.info("Killed the child with {} of {} items reported done, {} committed and {}"
                        + " partial blobs left", reported.size(), ITEMS, committed.size(),
                        partialBlobs);

                RunResult rerun = session.run(graph, PaidGraphRunner.options(), RunListener.NONE,
                        new RunControl());

                assertThat(rerun.failed()).as("failed items in the new run").isZero();
                assertThat(renderItems(rerun, ItemState.EXECUTED)).as("items executed again")
                        .isEqualTo(missing);
                assertThat(renderItems(rerun, ItemState.CACHED)).as("items reported as cached")
                        .isEqualTo(committed);
                assertThat(render.calls.get()).as("paid calls in the new run")
                        .isEqualTo(missing.size());
                assertThat(new TreeSet<>(render.prompts)).as("prompts rendered again")
                        .isEqualTo(missing.stream().map(CrashRecoveryTest::promptOf)
                                .collect(Collectors.toCollection(TreeSet::new)));
                assertThat(committedItems(cache, keys)).as("items committed after the new run")
                        .isEqualTo(keys.keySet());
            }
        }
    }

    @Nested
    class Restart {

        private static final int ITEMS = 12;

        @Test
        void completedRunIsCachedAfterRestart() throws Exception {
            Path cacheFolder = temp.resolve("cache");
            Child first = start(cacheFolder, ITEMS);
            Map<String, CacheKey> reported = new LinkedHashMap<>();
            first.readDone(reported, Integer.MAX_VALUE);
            first.assertExitedNormally();

            assertThat(reported).as("items reported by the first run").hasSize(ITEMS);
            assertThat(first.finished).as("counts of the first run")
                    .contains(new Finished(ITEMS + 1, ITEMS + 1, 0, 0));

            Child second = start(cacheFolder, ITEMS);
            Map<String, CacheKey> rerunReported = new LinkedHashMap<>();
            second.readDone(rerunReported, Integer.MAX_VALUE);
            second.assertExitedNormally();

            assertThat(rerunReported).as("items executed by a fresh process").isEmpty();
            assertThat(second.finished).as("counts of the run in a fresh process")
                    .contains(new Finished(ITEMS + 1, 0, ITEMS + 1, 0));

            try (H2ResultCache cache = H2ResultCache.open(cacheFolder)) {
                SlowRender render = new SlowRender();
                Engine engine = new Engine(PaidGraphRunner.registry(render), cache);
                Session session = engine.session(TestContexts.context(temp.resolve("out")));
                Graph graph = PaidGraphRunner.shots(ITEMS);
                Map<String, CacheKey> keys = PaidGraphRunner.paidKeys(session.plan(graph));

                assertReportedResultsReadable(cache, keys, reported);

                RunResult rerun = session.run(graph, PaidGraphRunner.options(), RunListener.NONE,
                        new RunControl());

                assertThat(render.calls.get()).as("paid calls after the restart").isZero();
                assertThat(renderItems(rerun, ItemState.CACHED)).as("items reported as cached")
                        .isEqualTo(keys.keySet());
            }
        }
    }

    /** The last line of a child run: the counts of its run result. */
    private record Finished(int total, int executed, int cached, int failed) {
    }

    private Child start(Path cacheFolder, int items) throws IOException {
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Files.createTempFile(temp, "child", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(javaBinary.toString(),
                "-cp", System.getProperty("java.class.path"),
                PaidGraphRunner.class.getName(),
                cacheFolder.toString(), temp.resolve("child-out").toString(),
                Integer.toString(items))
                .redirectError(log.toFile());
        Process process = builder.start();
        children.add(process);
        return new Child(process, log);
    }

    /** A running child JVM and what it has reported so far. */
    private static final class Child {

        private static final int KEPT_LINES = 40;

        final Process process;
        final Path stderr;
        final BufferedReader stdout;
        final Deque<String> otherLines = new ArrayDeque<>();
        Optional<Finished> finished = Optional.empty();

        Child(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            this.stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /**
         * Reads {@code DONE} lines into {@code reported} until it contains {@code target} items
         * or the output ends. Fails when the output ends before the target unless the target is
         * {@link Integer#MAX_VALUE}, which means read to the end.
         */
        void readDone(Map<String, CacheKey> reported, int target) throws IOException {
            while (reported.size() < target) {
                String line = stdout.readLine();
                if (line == null) {
                    if (target != Integer.MAX_VALUE) {
                        fail("Child output ended after %d of %d reported items.%n%s",
                                reported.size(), target, diagnostics());
                    }
                    return;
                }
                String[] words = line.split(" ");
                if (words[0].equals(PaidGraphRunner.DONE) && words.length == 3) {
                    CacheKey previous = reported.put(words[1], new CacheKey(words[2]));
                    assertThat(previous).as("second DONE line for item %s", words[1]).isNull();
                } else if (words[0].equals(PaidGraphRunner.FINISHED) && words.length == 5) {
                    finished = Optional.of(new Finished(Integer.parseInt(words[1]),
                            Integer.parseInt(words[2]), Integer.parseInt(words[3]),
                            Integer.parseInt(words[4])));
                } else {
                    keep(line);
                }
            }
        }

        void assertExitedNormally() throws Exception {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                fail("Child did not exit within 60 s.%n%s", diagnostics());
            }
            if (process.exitValue() != 0) {
                fail("Child exited with status %d.%n%s", process.exitValue(), diagnostics());
            }
        }

        private void keep(String line) {
            otherLines.addLast(line);
            if (otherLines.size() > KEPT_LINES) {
                otherLines.removeFirst();
            }
        }

        private String diagnostics() throws IOException {
            return "Last output lines:\n" + String.join("\n", otherLines)
                    + "\nStandard error:\n" + Files.readString(stderr);
        }
    }

    /** Checks each reported result: found by its key, and its blob readable with the hash. */
    private static void assertReportedResultsReadable(H2ResultCache cache,
            Map<String, CacheKey> keys, Map<String, CacheKey> reported) {
        for (Map.Entry<String, CacheKey> entry : reported.entrySet()) {
            String itemKey = entry.getKey();
            assertThat(entry.getValue()).as("reported cache key of %s", itemKey)
                    .isEqualTo(keys.get(itemKey));

            Optional<CachedResult> stored = cache.lookup(entry.getValue());
            assertThat(stored).as("cached result of reported item %s", itemKey).isPresent();
            Artifact image = stored.get().outputs().get("image").single();
            ContentHash expected = SlowRender.hashFor(promptOf(itemKey));
            assertThat(image.hash()).as("recorded hash of %s", itemKey).isEqualTo(expected);
            assertThat(ContentHash.of(image.bytes())).as("hash of the blob of %s", itemKey)
                    .isEqualTo(expected);
        }
    }

    private static Set<String> committedItems(H2ResultCache cache, Map<String, CacheKey> keys) {
        Set<String> committed = new TreeSet<>();
        keys.forEach((itemKey, key) -> {
            if (cache.lookup(key).isPresent()) {
                committed.add(itemKey);
            }
        });
        return committed;
    }

    private static Set<String> renderItems(RunResult result, ItemState state) {
        return result.items().stream()
                .filter(item -> item.node().equals(NodeId.of(RENDER_NODE)))
                .filter(item -> item.state() == state)
                .map(PlannedItem::itemKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Returns the prompt of a render item: {@code item-7} renders {@code shot-7}. */
    private static String promptOf(String itemKey) {
        return "shot-" + itemKey.substring("item-".length());
    }

    private static long partialBlobs(Path cacheFolder) throws IOException {
        try (Stream<Path> files = Files.list(cacheFolder.resolve("blobs").resolve("tmp"))) {
            return files.count();
        }
    }

    /** Checks that every blob in place is whole: its file name is the hash of its bytes. */
    private static void assertBlobFilesMatchTheirNames(Path cacheFolder) throws IOException {
        Path blobs = cacheFolder.resolve("blobs");
        List<Path> inPlace;
        try (Stream<Path> files = Files.walk(blobs)) {
            inPlace = files.filter(Files::isRegularFile)
                    .filter(file -> !file.getParent().equals(blobs.resolve("tmp")))
                    .toList();
        }
        Set<String> damaged = new HashSet<>();
        for (Path file : inPlace) {
            String actual = ContentHash.of(Files.readAllBytes(file)).hex();
            if (!actual.equals(file.getFileName().toString())) {
                damaged.add(blobs.relativize(file).toString());
            }
        }
        assertThat(inPlace).as("blobs in place").isNotEmpty();
        assertThat(damaged).as("blobs whose bytes do not match their name").isEmpty();
    }
}
