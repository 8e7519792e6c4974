package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.app.Home;
import io.reelgraph.app.Workspace;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.journal.JobJournal;
import io.reelgraph.engine.journal.ProviderJob;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsCommandTest {

    private static final CacheKey AMBIGUOUS = new CacheKey("a".repeat(64));
    private static final CacheKey SUBMITTED = new CacheKey("b".repeat(64));

    @TempDir
    Path home;

    @BeforeEach
    void journalWithTwoOpenJobs() {
        System.setProperty(Home.PROPERTY, home.toString());
        try (Workspace workspace = Workspace.standard()) {
            JobJournal journal = workspace.journal();
            journal.submitting(AMBIGUOUS, "fal", "fal/fal-ai/flux/dev");
            journal.ambiguous(AMBIGUOUS, Optional.of("req-41"));
            journal.submitting(SUBMITTED, "luma", "luma/ray-2");
            journal.submitted(SUBMITTED, new ProviderJob("gen-7", Optional.of("gen-7"),
                    Optional.empty(), Optional.empty(), Optional.empty()));
        }
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    @Test
    void listShowsOpenJobsWithRequestIds() {
        CliRun list = CliRun.execute("jobs", "list");

        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.stdout()).contains("aaaaaaaaaaaa   fal         AMBIGUOUS");
        assertThat(list.stdout()).contains("req-41");
        assertThat(list.stdout()).contains("bbbbbbbbbbbb   luma        SUBMITTED");
    }

    @Test
    void forgetRemovesAnAmbiguousJob() {
        CliRun forget = CliRun.execute("jobs", "forget", "aaaa");

        assertThat(forget.exitCode()).as(forget.describe()).isZero();
        assertThat(forget.stdout()).isEqualTo("Forgot AMBIGUOUS job aaaaaaaaaaaa on fal"
                + " (request id req-41); the next run submits it again.\n");
        assertThat(CliRun.execute("jobs", "list").stdout()).doesNotContain("aaaaaaaaaaaa");
    }

    @Test
    void forgetRefusesAJobTheProviderAccepted() {
        CliRun forget = CliRun.execute("jobs", "forget", "bbbb");

        assertThat(forget.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(forget.stderr()).contains("was accepted by luma as gen-7; the next run polls"
                + " it, so it is not forgotten");
        assertThat(CliRun.execute("jobs", "list").stdout()).contains("bbbbbbbbbbbb");
    }

    @Test
    void forgetOfAnUnknownKeyNamesTheListCommand() {
        CliRun forget = CliRun.execute("jobs", "forget", "cccc");

        assertThat(forget.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(forget.stderr()).contains("No open job has a cache key starting with cccc;"
                + " 'reelgraph jobs list' shows the open ones");
    }
}
