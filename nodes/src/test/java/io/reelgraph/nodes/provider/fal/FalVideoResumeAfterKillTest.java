package io.reelgraph.nodes.provider.fal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with kill -9 while it polls slow fal video jobs must not submit them again: the
 * next run finds the provider job ids in the journal, takes the entries over and polls those
 * jobs to the end.
 */
class FalVideoResumeAfterKillTest {

    @TempDir
    Path folder;

    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.toHandle().destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killedVideoRunResumesJobsWithoutNewSubmits() throws Exception {
        Path work = Files.createDirectories(folder.resolve("work"));
        Files.writeString(work.resolve("s.fountain"), FalStoryboardRun.SCRIPT);
        Path cache = folder.resolve("cache");
        try (FakeFalServer fake = new FakeFalServer()) {
            fake.holdJobsRunning();
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"),
                    FalVideoRun.class.getName(), cache.toString(), work.toString(),
                    fake.baseUrl(), fake.key())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            int started = 0;
            while (started < 3) {
                String line = out.readLine();
                assertThat(line).as("child output ended before three submits").isNotNull();
                if (line.startsWith("STARTED ")) {
                    started++;
                }
            }
            while (fake.submits() < 3) {
                Thread.sleep(20);
            }
            // Every job is submitted, held running and polled at least once, so the child is
            // in its poll loop when it dies.
            while (fake.jobsPolled() < 3) {
                Thread.sleep(20);
            }
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(fake.submits()).isEqualTo(3);
            assertThat(fake.resultFetches()).as("no video was fetched before the kill").isZero();

            fake.releaseJobs();
            RunResult resumed = FalVideoRun.run(cache, work, fake.baseUrl(), fake.key(),
                    RunListener.NONE);

            List<PlannedItem> clips = resumed.items().stream()
                    .filter(item -> item.node().value().equals("clip"))
                    .toList();
            assertThat(clips).hasSize(3);
            assertThat(clips).extracting(PlannedItem::state).containsOnly(ItemState.EXECUTED);
            assertThat(resumed.failed()).isZero();
            assertThat(fake.submits()).as("no video job is submitted twice").isEqualTo(3);
            assertThat(fake.submitPaths()).as("one submit per job, each to the video model")
                    .hasSize(3)
                    .containsOnly("/" + FalVideoRun.VIDEO_MODEL.substring("fal/".length()));
            assertThat(fake.resultFetches()).as("the second run fetched every video")
                    .isEqualTo(3);
        }
    }
}
