package io.reelgraph.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.H2ResultCache;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobClaimTest {

    private static final CacheKey KEY = new CacheKey("c".repeat(64));

    @TempDir
    Path temp;

    private H2ResultCache cache;
    private H2JobJournal mine;
    private H2JobJournal theirs;

    @BeforeEach
    void open() {
        cache = H2ResultCache.open(temp.resolve("cache"));
        mine = new H2JobJournal(cache.dataSource());
        theirs = new H2JobJournal(cache.dataSource());
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Nested
    class Claim {

        @Test
        void firstClaimWins() {
            assertThat(mine.claim(KEY, "fal", "m", Optional.empty())).isTrue();

            JobEntry entry = mine.find(KEY).orElseThrow();
            assertThat(entry.status()).isEqualTo(JobStatus.SUBMITTING);
            assertThat(entry.owner()).contains(mine.owner());
        }

        @Test
        void secondClaimOfNewKeyLoses() {
            assertThat(theirs.claim(KEY, "fal", "m", Optional.empty())).isTrue();

            assertThat(mine.claim(KEY, "fal", "m", Optional.empty())).isFalse();
            assertThat(mine.find(KEY).orElseThrow().owner()).contains(theirs.owner());
        }

        @Test
        void claimReplacesSeenFailedEntry() {
            theirs.claim(KEY, "fal", "m", Optional.empty());
            theirs.failed(KEY);
            Optional<JobEntry> seen = mine.find(KEY);

            assertThat(mine.claim(KEY, "fal", "m", seen)).isTrue();
            assertThat(mine.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.SUBMITTING);
            assertThat(mine.find(KEY).orElseThrow().owner()).contains(mine.owner());
        }

        @Test
        void claimOfChangedEntryLoses() {
            theirs.claim(KEY, "fal", "m", Optional.empty());
            theirs.failed(KEY);
            Optional<JobEntry> seen = mine.find(KEY);
            assertThat(theirs.claim(KEY, "fal", "m", seen)).isTrue();

            assertThat(mine.claim(KEY, "fal", "m", seen)).isFalse();
            assertThat(mine.find(KEY).orElseThrow().owner()).contains(theirs.owner());
        }

        @Test
        void racingClaimsHaveOneWinner() throws Exception {
            theirs.claim(KEY, "fal", "m", Optional.empty());
            theirs.done(KEY);
            Optional<JobEntry> seen = mine.find(KEY);
            List<H2JobJournal> journals = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                journals.add(new H2JobJournal(cache.dataSource()));
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(journals.size());
            try {
                List<Future<Boolean>> claims = new ArrayList<>();
                for (H2JobJournal journal : journals) {
                    Callable<Boolean> claim = () -> {
                        start.await();
                        return journal.claim(KEY, "fal", "m", seen);
                    };
                    claims.add(pool.submit(claim));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> claim : claims) {
                    winners += claim.get() ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Handle {

        @Test
        void lostClaimRaisesWithCacheKey() {
            theirs.claim(KEY, "fal", "m", Optional.empty());
            JobHandle handle = new JobHandle(mine, KEY);

            assertThatThrownBy(() -> handle.claim("fal", "m", Optional.empty()))
                    .isInstanceOf(JobClaimedException.class)
                    .hasMessageContaining("Cache key " + KEY.shortForm() + " is claimed by "
                            + theirs.owner());
        }

        @Test
        void doneEntryAfterCacheLookupIsNotReplaced() {
            theirs.claim(KEY, "fal", "m", Optional.empty());
            Optional<JobEntry> beforeLookup = mine.find(KEY);
            theirs.done(KEY);
            JobHandle handle = new JobHandle(mine, KEY, beforeLookup);

            assertThatThrownBy(() -> handle.claim("fal", "m", mine.find(KEY)))
                    .isInstanceOf(JobClaimedException.class)
                    .hasMessageContaining("was finished by " + theirs.owner());
            assertThat(mine.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.DONE);
        }

        @Test
        void freshSubmitIsInFlight() {
            theirs.claim(KEY, "fal", "m", Optional.empty());
            JobEntry entry = mine.find(KEY).orElseThrow();

            assertThat(new JobHandle(mine, KEY).inFlightElsewhere(entry, Instant.now())).isTrue();
            assertThat(new JobHandle(theirs, KEY).inFlightElsewhere(entry, Instant.now()))
                    .isFalse();
        }

        @Test
        void staleSubmitIsNotInFlight() {
            theirs.claim(KEY, "fal", "m", Optional.empty());
            JobEntry entry = mine.find(KEY).orElseThrow();
            Instant later = entry.updatedAt().plus(H2JobJournal.DEFAULT_STALE_AFTER)
                    .plus(Duration.ofSeconds(1));

            assertThat(new JobHandle(mine, KEY).inFlightElsewhere(entry, later)).isFalse();
        }
    }

    @Nested
    class OwnerCheck {

        private final ProviderJob job = new ProviderJob("job-1", Optional.of("req-1"),
                Optional.of("http://127.0.0.1/poll/job-1"), Optional.empty(), Optional.empty());

        @Test
        void lostClaimDoesNotRecordSubmit() {
            mine.claim(KEY, "fal", "m", Optional.empty());
            assertThat(theirs.adopt(KEY, mine.find(KEY).orElseThrow())).isTrue();

            assertThatThrownBy(() -> mine.submitted(KEY, job))
                    .isInstanceOf(JobClaimedException.class)
                    .hasMessageContaining("is claimed by " + theirs.owner());
            JobEntry entry = theirs.find(KEY).orElseThrow();
            assertThat(entry.status()).isEqualTo(JobStatus.SUBMITTING);
            assertThat(entry.owner()).contains(theirs.owner());
            assertThat(entry.job()).isEmpty();
        }

        @Test
        void lostClaimDoesNotRecordAmbiguousSubmit() {
            mine.claim(KEY, "fal", "m", Optional.empty());
            theirs.adopt(KEY, mine.find(KEY).orElseThrow());

            assertThatThrownBy(() -> mine.ambiguous(KEY, Optional.of("req-9")))
                    .isInstanceOf(JobClaimedException.class);
            JobEntry entry = theirs.find(KEY).orElseThrow();
            assertThat(entry.status()).isEqualTo(JobStatus.SUBMITTING);
            assertThat(entry.providerRequestId()).isEmpty();
        }

        @Test
        void lostClaimLeavesNewOwnersJobOpen() {
            mine.claim(KEY, "fal", "m", Optional.empty());
            mine.submitted(KEY, job);
            theirs.adopt(KEY, mine.find(KEY).orElseThrow());

            mine.done(KEY);
            assertThat(theirs.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.SUBMITTED);
            mine.failed(KEY);
            JobEntry entry = theirs.find(KEY).orElseThrow();
            assertThat(entry.status()).isEqualTo(JobStatus.SUBMITTED);
            assertThat(entry.owner()).contains(theirs.owner());
            assertThat(entry.job()).contains(job);
        }

        @Test
        void adoptedEntryTakesNewOwnersUpdates() {
            mine.claim(KEY, "fal", "m", Optional.empty());
            mine.submitted(KEY, job);
            theirs.adopt(KEY, mine.find(KEY).orElseThrow());

            theirs.done(KEY);

            assertThat(mine.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.DONE);
        }

        @Test
        void adoptOfChangedEntryFails() {
            mine.claim(KEY, "fal", "m", Optional.empty());
            JobEntry seen = mine.find(KEY).orElseThrow();
            mine.submitted(KEY, job);

            assertThat(theirs.adopt(KEY, seen)).isFalse();
            assertThat(mine.find(KEY).orElseThrow().owner()).contains(mine.owner());
        }

        @Test
        void handleAdoptRaisesWhenEntryChanged() {
            mine.claim(KEY, "fal", "m", Optional.empty());
            JobEntry seen = mine.find(KEY).orElseThrow();
            mine.submitted(KEY, job);

            assertThatThrownBy(() -> new JobHandle(theirs, KEY).adopt(seen))
                    .isInstanceOf(JobClaimedException.class)
                    .hasMessageContaining("status SUBMITTED");
        }

        @Test
        void handleAdoptOfOwnEntryChangesNothing() {
            mine.claim(KEY, "fal", "m", Optional.empty());
            JobEntry seen = mine.find(KEY).orElseThrow();

            new JobHandle(mine, KEY).adopt(seen);

            assertThat(mine.find(KEY)).contains(seen);
        }
    }
}
