package io.reelgraph.engine.journal;

import static io.reelgraph.engine.testing.GraphBuilder.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.testing.TestContexts;
import io.reelgraph.engine.testing.TestTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2JobJournalTest {

    private static final CacheKey KEY = new CacheKey("a".repeat(64));
    private static final CacheKey OTHER = new CacheKey("b".repeat(64));

    @TempDir
    Path temp;

    private H2ResultCache cache;
    private H2JobJournal journal;

    @BeforeEach
    void open() {
        cache = H2ResultCache.open(temp.resolve("cache"));
        journal = new H2JobJournal(cache.dataSource());
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private static ProviderJob falJob() {
        return new ProviderJob("req-1", Optional.of("req-1"),
                Optional.of("http://127.0.0.1/fal-ai/flux/requests/req-1/status"),
                Optional.of("http://127.0.0.1/fal-ai/flux/requests/req-1"),
                Optional.of("http://127.0.0.1/fal-ai/flux/requests/req-1/cancel"));
    }

    @Nested
    class Lifecycle {

        @Test
        void submittingEntryHasNoJob() {
            journal.submitting(KEY, "fal", "fal/fal-ai/flux/dev");

            JobEntry entry = journal.find(KEY).orElseThrow();
            assertThat(entry.status()).isEqualTo(JobStatus.SUBMITTING);
            assertThat(entry.provider()).isEqualTo("fal");
            assertThat(entry.model()).isEqualTo("fal/fal-ai/flux/dev");
            assertThat(entry.job()).isEmpty();
        }

        @Test
        void submittedEntryKeepsEveryUrl() {
            journal.submitting(KEY, "fal", "fal/fal-ai/flux/dev");
            journal.submitted(KEY, falJob());

            JobEntry entry = journal.find(KEY).orElseThrow();
            assertThat(entry.status()).isEqualTo(JobStatus.SUBMITTED);
            assertThat(entry.job()).contains(falJob());
            assertThat(entry.providerRequestId()).contains("req-1");
        }

        @Test
        void entrySurvivesReopeningTheDatabase() {
            journal.submitting(KEY, "fal", "fal/fal-ai/flux/dev");
            journal.submitted(KEY, falJob());
            cache.close();

            cache = H2ResultCache.open(temp.resolve("cache"));
            journal = new H2JobJournal(cache.dataSource());

            assertThat(journal.find(KEY).orElseThrow().job()).contains(falJob());
        }

        @Test
        void ambiguousEntryKeepsRequestId() {
            journal.submitting(KEY, "fal", "fal/fal-ai/flux/dev");
            journal.ambiguous(KEY, Optional.of("req-9"));

            JobEntry entry = journal.find(KEY).orElseThrow();
            assertThat(entry.status()).isEqualTo(JobStatus.AMBIGUOUS);
            assertThat(entry.providerRequestId()).contains("req-9");
            assertThat(entry.job()).isEmpty();
        }

        @Test
        void submittingAgainReplacesFailedEntry() {
            journal.submitting(KEY, "fal", "fal/fal-ai/flux/dev");
            journal.submitted(KEY, falJob());
            journal.failed(KEY);
            journal.submitting(KEY, "fal", "fal/fal-ai/flux/dev");

            JobEntry entry = journal.find(KEY).orElseThrow();
            assertThat(entry.status()).isEqualTo(JobStatus.SUBMITTING);
            assertThat(entry.job()).isEmpty();
        }

        @Test
        void openListsOnlyUnfinishedJobs() {
            journal.submitting(KEY, "fal", "m");
            journal.submitting(OTHER, "fal", "m");
            journal.done(OTHER);

            assertThat(journal.open()).extracting(JobEntry::cacheKey).containsExactly(KEY);
        }

        @Test
        void forgetRemovesEntry() {
            journal.submitting(KEY, "fal", "m");
            journal.forget(KEY);

            assertThat(journal.find(KEY)).isEmpty();
        }

        @Test
        void outcomeWithoutSubmitIsRejected() {
            assertThatThrownBy(() -> journal.done(KEY))
                    .isInstanceOf(JournalException.class)
                    .hasMessage("The job journal has no entry for cache key aaaaaaaaaaaa;"
                            + " record the submit before its outcome");
        }
    }

    @Nested
    class Engine_ {

        private Graph graphOf(String items) {
            return graph("journal")
                    .node("src", "test.source", "items", items)
                    .node("gen", "test.generate")
                    .connect("src.items", "gen.prompt")
                    .build();
        }

        @Test
        void paidItemReachesItsEntryAndEndsDone() {
            TestTypes types = new TestTypes();
            Engine engine = new Engine(types.registry(), cache, journal);

            RunResult result = engine.session(TestContexts.context(temp.resolve("out")))
                    .run(graphOf("a,b"), RunOptions.DEFAULT, RunListener.NONE, new RunControl());

            assertThat(result.failed()).isZero();
            List<JobHandle> handles = List.copyOf(types.generate.jobs);
            assertThat(handles).hasSize(2);
            for (JobHandle handle : handles) {
                JobEntry entry = journal.find(handle.key()).orElseThrow();
                assertThat(entry.status()).isEqualTo(JobStatus.DONE);
                assertThat(cache.lookup(handle.key())).isPresent();
            }
        }

        @Test
        void engineWithoutJournalGivesNoHandle() {
            TestTypes types = new TestTypes();
            Engine engine = new Engine(types.registry(), cache);

            engine.session(TestContexts.context(temp.resolve("out")))
                    .run(graphOf("a"), RunOptions.DEFAULT, RunListener.NONE, new RunControl());

            assertThat(types.generate.calls).containsExactly("a");
            assertThat(types.generate.jobs).isEmpty();
        }
    }
}
