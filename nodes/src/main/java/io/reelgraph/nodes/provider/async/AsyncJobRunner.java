package io.reelgraph.nodes.provider.async;

import io.reelgraph.engine.journal.JobClaimedException;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.JobHandle;
import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.provider.error.AmbiguousSubmitException;
import io.reelgraph.nodes.provider.error.ExpiredResultException;
import io.reelgraph.nodes.provider.error.JobTimeoutException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.error.ServerErrorException;
import io.reelgraph.nodes.provider.http.IncompleteResponseException;
import io.reelgraph.nodes.provider.http.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one async provider job: submit, poll with backoff and jitter, fetch, with progress,
 * cancellation and a whole-job timeout, and with the job journal entry of the work item kept in
 * step so a job is never submitted twice.
 *
 * <p>Journal rules: an entry SUBMITTED by an earlier run or another process is taken over and
 * polled, not submitted again. A SUBMITTING entry that another process claimed within the
 * journal's stale limit raises {@link JobClaimedException}, so the engine waits for that
 * submit. An AMBIGUOUS entry is looked up in the provider's job list first, and so is a
 * SUBMITTING entry that this journal left in a crash or that another process left stale.
 * Without a job list the item fails and nothing is sent. A DONE or FAILED entry is replaced by a new submit, through an
 * atomic claim that only one process wins.
 */
public final class AsyncJobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncJobRunner.class);

    private final String provider;
    private final PollingPolicy policy;
    private final Sleeper sleeper;
    private final Optional<ProviderJobList> jobList;

    public AsyncJobRunner(String provider, PollingPolicy policy, Sleeper sleeper,
            Optional<ProviderJobList> jobList) {
        this.provider = provider;
        this.policy = policy;
        this.sleeper = sleeper;
        this.jobList = jobList;
    }

    /**
     * Runs the job to its result.
     *
     * @param model the catalog model id, recorded in the journal
     * @throws InterruptedException when the run was cancelled; the provider's job is cancelled
     *     where its API allows
     */
    public <R> R run(AsyncJob<R> job, String model, WorkContext context)
            throws ProviderException, IOException, InterruptedException {
        Optional<JobHandle> handle = context.job();
        ProviderJob submitted = resumeOrSubmit(job, model, handle, context);
        JobState finished = await(job, submitted, handle, context);
        if (finished.phase() != JobPhase.SUCCEEDED) {
            handle.ifPresent(JobHandle::failed);
            throw failure(finished, submitted);
        }
        try {
            return job.fetch(submitted, context);
        } catch (ExpiredResultException | ModerationException e) {
            // The result cannot be fetched again, so the next run must submit anew.
            handle.ifPresent(JobHandle::failed);
            throw e;
        }
    }

    private <R> ProviderJob resumeOrSubmit(AsyncJob<R> job, String model,
            Optional<JobHandle> handle, WorkContext context)
            throws ProviderException, IOException {
        Optional<JobEntry> entry = handle.flatMap(JobHandle::entry);
        if (entry.isPresent() && entry.get().status() == JobStatus.SUBMITTED
                && entry.get().job().isPresent()) {
            ProviderJob earlier = entry.get().job().get();
            handle.get().adopt(entry.get());
            LOG.info("Resuming {} job {} of cache key {} instead of submitting again", provider,
                    earlier.providerJobId(), handle.get().key().shortForm());
            context.progress(0.05, "resuming job " + earlier.providerJobId());
            return earlier;
        }
        if (entry.isPresent() && handle.get().inFlightElsewhere(entry.get(), Instant.now())) {
            throw new JobClaimedException(entry.get());
        }
        if (entry.isPresent() && (entry.get().status() == JobStatus.AMBIGUOUS
                || entry.get().status() == JobStatus.SUBMITTING)) {
            Optional<ProviderJob> found = settleAmbiguous(entry.get(), context);
            if (found.isPresent()) {
                handle.get().adopt(entry.get());
                handle.get().submitted(found.get());
                return found.get();
            }
        }
        return submit(job, model, handle, entry, context);
    }

    /**
     * Looks an ambiguous submit up in the provider's job list.
     *
     * @return the job the provider has; empty when the list shows none, so submitting is safe
     * @throws AmbiguousSubmitException when the provider has no job list to check
     */
    private Optional<ProviderJob> settleAmbiguous(JobEntry entry, WorkContext context)
            throws ProviderException, IOException {
        if (jobList.isEmpty()) {
            throw new AmbiguousSubmitException(provider, entry.providerRequestId(),
                    ambiguousMessage(entry.model(), entry.cacheKey().shortForm(),
                            entry.providerRequestId(), entry.createdAt())
                            + "; this run did not submit again. If the provider shows no job"
                            + " for it, run 'reelgraph jobs forget "
                            + entry.cacheKey().shortForm() + "' and run again", null);
        }
        Optional<ProviderJob> found = jobList.get().find(entry, context);
        LOG.info("Provider {} job list {} a job for ambiguous cache key {}", provider,
                found.isPresent() ? "has" : "has no", entry.cacheKey().shortForm());
        return found;
    }

    private <R> ProviderJob submit(AsyncJob<R> job, String model, Optional<JobHandle> handle,
            Optional<JobEntry> seen, WorkContext context) throws ProviderException, IOException {
        handle.ifPresent(h -> h.claim(provider, model, seen));
        Instant sent = Instant.now();
        ProviderJob submitted;
        try {
            submitted = job.submit(context);
        } catch (ConnectException | UnknownHostException e) {
            // The request never reached the provider, so no job exists.
            handle.ifPresent(JobHandle::failed);
            throw e;
        } catch (IOException e) {
            if (e instanceof InterruptedIOException && context.cancelled()) {
                handle.ifPresent(h -> h.ambiguous(Optional.empty()));
                throw e;
            }
            Optional<String> requestId = e instanceof IncompleteResponseException incomplete
                    ? incomplete.providerRequestId() : Optional.empty();
            handle.ifPresent(h -> h.ambiguous(requestId));
            String key = handle.map(h -> h.key().shortForm()).orElse("(no journal)");
            throw new AmbiguousSubmitException(provider, requestId,
                    ambiguousMessage(model, key, requestId, sent) + " after " + e.getMessage()
                            + "; the submit was not repeated", e);
        } catch (ProviderException e) {
            handle.ifPresent(JobHandle::failed);
            throw e;
        }
        handle.ifPresent(h -> h.submitted(submitted));
        LOG.info("Submitted {} job {} for model {}", provider, submitted.providerJobId(), model);
        context.progress(0.02, "submitted");
        return submitted;
    }

    private String ambiguousMessage(String model, String key, Optional<String> requestId,
            Instant sent) {
        String request = requestId.map(id -> "request id " + id)
                .orElse("no request id arrived; look for a request sent at " + sent);
        return "The submit of model " + model + " to provider " + provider + " (cache key " + key
                + ") may have created a paid job, but no usable response arrived (" + request
                + "). Check the provider's dashboard before running this item again";
    }

    private <R> JobState await(AsyncJob<R> job, ProviderJob submitted, Optional<JobHandle> handle,
            WorkContext context) throws ProviderException, IOException, InterruptedException {
        long deadline = System.nanoTime() + policy.wholeJobTimeout().toNanos();
        Duration interval = policy.initialInterval();
        while (true) {
            cancelIfRequested(job, submitted, handle, context);
            JobState state;
            try {
                state = job.poll(submitted, context);
            } catch (InterruptedIOException e) {
                cancelIfRequested(job, submitted, handle, context);
                throw e;
            }
            if (state.phase().finished()) {
                return state;
            }
            report(state, context);
            if (System.nanoTime() - deadline > 0) {
                throw new JobTimeoutException(provider, OptionalInt.empty(),
                        submitted.providerRequestId(), "Provider " + provider + " job "
                        + submitted.providerJobId() + " did not finish within "
                        + policy.wholeJobTimeout().toMinutes() + " minutes (last status "
                        + state.rawStatus() + "); the job was kept, so the next run polls it"
                        + " again without paying twice");
            }
            try {
                sleeper.sleep(jitter(interval));
            } catch (InterruptedException e) {
                cancelIfRequested(job, submitted, handle, context);
                throw e;
            }
            interval = next(interval);
        }
    }

    private <R> void cancelIfRequested(AsyncJob<R> job, ProviderJob submitted,
            Optional<JobHandle> handle, WorkContext context) throws InterruptedException {
        if (!context.cancelled() && !Thread.currentThread().isInterrupted()) {
            return;
        }
        // Clear the interrupt so the cancel request itself can be sent.
        Thread.interrupted();
        boolean accepted = false;
        try {
            accepted = job.cancel(submitted, context);
        } catch (IOException | ProviderException e) {
            LOG.warn("Failed to cancel {} job {}: {}", provider, submitted.providerJobId(),
                    e.getMessage());
        }
        if (accepted) {
            handle.ifPresent(JobHandle::failed);
        }
        LOG.info("Cancelled {} job {}: provider {} the cancellation", provider,
                submitted.providerJobId(), accepted ? "accepted" : "did not accept");
        throw new InterruptedException("Run cancelled; provider " + provider + " job "
                + submitted.providerJobId() + (accepted ? " was cancelled"
                : " could not be cancelled and is kept for the next run"));
    }

    private static void report(JobState state, WorkContext context) {
        double fraction = state.progress().orElse(state.phase() == JobPhase.QUEUED ? 0.05 : 0.5);
        String status = state.phase() == JobPhase.QUEUED ? "queued" : "running";
        context.progress(Math.min(0.9, Math.max(0.0, fraction)),
                state.message().isEmpty() ? status : status + ", " + state.message());
    }

    private ProviderException failure(JobState state, ProviderJob job) {
        String reason = state.message().isEmpty() ? state.rawStatus() : state.message();
        if (state.phase() == JobPhase.MODERATED) {
            return new ModerationException(provider, OptionalInt.empty(), job.providerRequestId(),
                    "Provider " + provider + " blocked job " + job.providerJobId()
                            + " by its content policy: " + reason
                            + "; change the prompt or input image");
        }
        return new ServerErrorException(provider, OptionalInt.empty(), job.providerRequestId(),
                "Provider " + provider + " job " + job.providerJobId() + " ended as "
                        + state.rawStatus() + ": " + reason + "; run the item again");
    }

    private Duration next(Duration interval) {
        long millis = (long) (interval.toMillis() * policy.multiplier());
        return Duration.ofMillis(Math.min(millis, policy.maxInterval().toMillis()));
    }

    /** Returns a wait between 80% and 120% of the interval, so parallel items spread out. */
    private static Duration jitter(Duration interval) {
        long millis = interval.toMillis();
        long spread = millis / 5;
        return Duration.ofMillis(millis - spread
                + ThreadLocalRandom.current().nextLong(2 * spread + 1));
    }
}
