package io.reelgraph.engine.run;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.JobJournal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits while another process has claimed a cache key and has its submit in flight,
 * polling the job journal until that entry changes.
 */
final class OwnerWait {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerWait.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private OwnerWait() {
    }

    /**
     * Returns once the entry the caller saw has changed (SUBMITTED, DONE, FAILED, AMBIGUOUS,
     * removed or claimed again) or after the journal's stale limit. The caller then runs the
     * item again, which resumes a SUBMITTED job, reads a DONE result from the cache, or treats
     * a still-SUBMITTING entry as ambiguous.
     *
     * @throws CancellationException when the run is cancelled while waiting
     */
    static void await(JobJournal journal, CacheKey key, JobEntry seen, BooleanSupplier cancelled)
            throws InterruptedException {
        LOG.info("Waiting for {} to submit cache key {} to provider {}",
                seen.owner().orElse("an earlier run"), key.shortForm(), seen.provider());
        // Measured on this machine's clock, so clock skew between hosts cannot shorten it.
        long deadline = System.nanoTime() + journal.staleAfter().toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Run cancelled while waiting for another process"
                        + " to submit cache key " + key.shortForm());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
            Optional<JobEntry> now = journal.find(key);
            if (now.isEmpty() || changed(seen, now.get())) {
                LOG.info("Cache key {} is now {}", key.shortForm(),
                        now.map(entry -> entry.status().name()).orElse("without a journal entry"));
                return;
            }
        }
        LOG.warn("Cache key {} stayed SUBMITTING by {} for {}; treating it as ambiguous",
                key.shortForm(), seen.owner().orElse("an earlier run"), journal.staleAfter());
    }

    private static boolean changed(JobEntry seen, JobEntry now) {
        return now.status() != seen.status() || !now.owner().equals(seen.owner())
                || !now.updatedAt().equals(seen.updatedAt());
    }
}
