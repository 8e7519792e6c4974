package io.reelgraph.nodes.provider.fal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.journal.H2JobJournal;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes run the same fal graph at the same time on one database served by an H2 TCP
 * server. Each keyframe must be submitted once: the process that claims a cache key first
 * submits, and the other waits for that job through the job journal.
 */
class FalSharedDatabaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(child -> child.toHandle().destroyForcibly());
    }

    @Nested
    class TwoProcesses {

        @Test
        @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void submitEachKeyOnce() throws Exception {
            assertThat(System.getProperty("h2.bindAddress")).isEqualTo("127.0.0.1");
            Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            try (FakeFalServer fake = new FakeFalServer()) {
                // The submit stays in flight for two seconds, so the second process finds the
                // first one's SUBMITTING entry instead of a finished job.
                fake.delaySubmits(Duration.ofSeconds(2));
                String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/"
                        + folder.resolve("shared").toAbsolutePath();
                Path blobs = folder.resolve("blobs");
                try (H2ResultCache shared = H2ResultCache.open(url, blobs)) {
                    Path first = work("a");
                    Path second = work("b");
                    Path firstOut = start(url, blobs, first, fake);
                    Path secondOut = start(url, blobs, second, fake);
                    awaitLine(firstOut, "READY");
                    awaitLine(secondOut, "READY");
                    Files.writeString(first.resolve("go"), "");
                    Files.writeString(second.resolve("go"), "");

                    for (Process child : children) {
                        assertThat(child.waitFor(150, TimeUnit.SECONDS))
                                .as("child process finished").isTrue();
                    }
                    String firstOutput = Files.readString(firstOut);
                    String secondOutput = Files.readString(secondOut);
                    assertThat(children.get(0).exitValue()).as(firstOutput).isZero();
                    assertThat(children.get(1).exitValue()).as(secondOutput).isZero();
                    assertThat(finishedLine(firstOutput)).as(firstOutput).endsWith(" 0");
                    assertThat(finishedLine(secondOutput)).as(secondOutput).endsWith(" 0");
                    assertThat(startedCount(firstOutput)).as(firstOutput).isEqualTo(3);
                    assertThat(startedCount(secondOutput)).as(secondOutput).isEqualTo(3);
                    // The engine logs this when it finds a key claimed by the other process,
                    // which shows the two runs really overlapped.
                    assertThat(firstOutput + secondOutput).contains("Waiting for pid ");

                    Map<String, Integer> submitsByPrompt = submitsByPrompt(fake.submitBodies());
                    assertThat(submitsByPrompt).hasSize(3);
                    assertThat(submitsByPrompt.values()).containsOnly(1);
                    assertThat(fake.submits()).isEqualTo(3);

                    List<JobEntry> entries = journalEntries(shared);
                    assertThat(entries).hasSize(3);
                    assertThat(entries).extracting(JobEntry::status)
                            .containsOnly(JobStatus.DONE);

                    // A third run on the same database finds every keyframe in the cache.
                    RunResult again = FalStoryboardRun.run(shared, work("c"), fake.baseUrl(),
                            fake.key(), RunListener.NONE);
                    List<PlannedItem> keyframes = again.items().stream()
                            .filter(item -> item.node().value().equals("keyframe"))
                            .toList();
                    assertThat(keyframes).hasSize(3);
                    assertThat(keyframes).extracting(PlannedItem::state)
                            .containsOnly(ItemState.CACHED);
                    assertThat(fake.submits()).isEqualTo(3);
                }
            } finally {
                server.stop();
            }
        }
    }

    @Nested
    class OwnerNeverProgresses {

        @Test
        @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void staleClaimFailsWithoutSubmit() throws Exception {
            Path work = work("stale");
            try (FakeFalServer fake = new FakeFalServer();
                    H2ResultCache cache = H2ResultCache.open(folder.resolve("cache"))) {
                H2JobJournal journal = new H2JobJournal(cache.dataSource(), Duration.ofSeconds(1));
                Engine engine = FalStoryboardRun.engine(cache, fake.baseUrl(), fake.key(),
                        journal);
                List<CacheKey> keys = engine.session(FalStoryboardRun.context(work))
                        .plan(FalStoryboardRun.graph()).items().stream()
                        .filter(item -> item.node().value().equals("keyframe"))
                        .map(item -> item.key().orElseThrow())
                        .toList();
                // Another process claims every key and then never sends its submit.
                H2JobJournal other = new H2JobJournal(cache.dataSource());
                for (CacheKey key : keys) {
                    assertThat(other.claim(key, "fal", "fal/fal-ai/flux/dev", Optional.empty()))
                            .isTrue();
                }

                RunResult result = engine.session(FalStoryboardRun.context(work))
                        .run(FalStoryboardRun.graph(), RunOptions.DEFAULT, RunListener.NONE,
                                new RunControl());

                Map<String, PlannedItem> keyframes = new TreeMap<>();
                result.items().stream().filter(item -> item.node().value().equals("keyframe"))
                        .forEach(item -> keyframes.put(item.key().orElseThrow().hex(), item));
                assertThat(keyframes).hasSize(3);
                for (CacheKey key : keys) {
                    PlannedItem item = keyframes.get(key.hex());
                    assertThat(item.state()).isEqualTo(ItemState.FAILED);
                    assertThat(item.error()).hasValueSatisfying(error -> assertThat(error)
                            .contains("(cache key " + key.shortForm() + ")")
                            .contains("this run did not submit again"));
                    assertThat(journal.find(key).orElseThrow().status())
                            .isEqualTo(JobStatus.SUBMITTING);
                }
                assertThat(fake.submits()).isZero();
            }
        }
    }

    private Path work(String name) throws IOException {
        Path work = Files.createDirectories(folder.resolve("work-" + name));
        Files.writeString(work.resolve("s.fountain"), FalStoryboardRun.SCRIPT);
        return work;
    }

    private Path start(String url, Path blobs, Path work, FakeFalServer fake) throws IOException {
        Path output = work.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                FalStoryboardRun.class.getName(), url, blobs.toString(), work.toString(),
                fake.baseUrl(), fake.key())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        children.add(child);
        return output;
    }

    private static void awaitLine(Path output, String line) throws Exception {
        while (!Files.exists(output)
                || !Files.readAllLines(output, StandardCharsets.UTF_8).contains(line)) {
            Thread.sleep(20);
        }
    }

    private static String finishedLine(String output) {
        return output.lines().filter(line -> line.startsWith("FINISHED ")).findFirst()
                .orElse("(no FINISHED line)");
    }

    private static long startedCount(String output) {
        return output.lines().filter(line -> line.startsWith("STARTED ")).count();
    }

    private static Map<String, Integer> submitsByPrompt(List<String> bodies) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String body : bodies) {
            try {
                counts.merge(JSON.readTree(body).path("prompt").asText(), 1, Integer::sum);
            } catch (IOException e) {
                throw new UncheckedIOException("Invalid submit body: " + body, e);
            }
        }
        return counts;
    }

    private static List<JobEntry> journalEntries(H2ResultCache shared) {
        H2JobJournal journal = new H2JobJournal(shared.dataSource());
        List<JobEntry> entries = new ArrayList<>();
        for (String hex : cacheKeys(shared)) {
            journal.find(new CacheKey(hex)).ifPresent(entries::add);
        }
        return entries;
    }

    private static List<String> cacheKeys(H2ResultCache shared) {
        try (Connection connection = shared.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT CACHE_KEY FROM JOB_JOURNAL")) {
            List<String> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("Failed to list the job journal: " + e.getMessage(),
                    e);
        }
    }
}
