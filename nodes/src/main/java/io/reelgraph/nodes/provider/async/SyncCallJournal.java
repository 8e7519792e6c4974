package io.reelgraph.nodes.provider.async;

import io.reelgraph.engine.journal.JobClaimedException;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.JobHandle;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.provider.error.AmbiguousSubmitException;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.IncompleteResponseException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the job journal in step around one synchronous paid call, such as a text-to-speech
 * request whose response is the audio. A sync call has no job to poll, so the journal only
 * guards against paying twice. A call that timed out before the response arrived is recorded
 * as ambiguous and is not sent again until the user clears the entry.
 *
 * <p>Rules: a failed connect or an error response marks the entry failed, so a later run may
 * send again. A response whose body broke off also marks it failed, because the provider
 * responded and the result cannot be fetched a second time. A timeout or any other network
 * failure after sending marks it ambiguous. An open entry left by an earlier run (submitting
 * or ambiguous) stops the call before anything is sent, except a SUBMITTING entry that another
 * process claimed within the journal's stale limit: that raises {@link JobClaimedException} so
 * the engine waits for the other call's result.
 */
public final class SyncCallJournal {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCallJournal.class);

    /** One synchronous provider call that returns its result. */
    @FunctionalInterface
    public interface SyncCall<R> {
        R send() throws IOException, ProviderException;
    }

    private final String provider;

    public SyncCallJournal(String provider) {
        this.provider = provider;
    }

    /**
     * Sends the call once, with the journal entry of the work item kept in step.
     *
     * @param model the catalog model id, recorded in the journal
     * @throws AmbiguousSubmitException when the call or an earlier one may have been charged
     *     without a usable response
     * @throws InterruptedException when the run was cancelled before the call was sent
     */
    public <R> R run(String model, SyncCall<R> call, WorkContext context)
            throws ProviderException, IOException, InterruptedException {
        Optional<JobHandle> handle = context.job();
        if (context.cancelled()) {
            throw new InterruptedException("Run cancelled before model " + model
                    + " was sent to provider " + provider);
        }
        Optional<JobEntry> earlier = handle.flatMap(JobHandle::entry);
        if (earlier.isPresent() && handle.get().inFlightElsewhere(earlier.get(), Instant.now())) {
            throw new JobClaimedException(earlier.get());
        }
        if (earlier.isPresent() && earlier.get().status().open()) {
            JobEntry entry = earlier.get();
            throw new AmbiguousSubmitException(provider, entry.providerRequestId(),
                    ambiguousMessage(model, entry.cacheKey().shortForm(),
                            entry.providerRequestId(), entry.createdAt())
                            + "; this run did not submit again. If the provider shows no job"
                            + " for it, run 'reelgraph jobs forget "
                            + entry.cacheKey().shortForm() + "' and run again", null);
        }

        handle.ifPresent(h -> h.claim(provider, model, earlier));
        context.progress(0.1, "generating");
        Instant sent = Instant.now();
        try {
            return call.send();
        } catch (ConnectException | UnknownHostException e) {
            // The request never reached the provider, so nothing was charged.
            handle.ifPresent(JobHandle::failed);
            throw e;
        } catch (IncompleteResponseException e) {
            if (!(e.getCause() instanceof InterruptedIOException)) {
                handle.ifPresent(JobHandle::failed);
                throw new MalformedResponseException(provider, OptionalInt.empty(),
                        e.providerRequestId(), "Provider " + provider + " sent a truncated"
                        + " response for model " + model + " (" + e.getMessage()
                        + "); the call may have been charged, and its result cannot be fetched"
                        + " again, so run the item again");
            }
            handle.ifPresent(h -> h.ambiguous(e.providerRequestId()));
            throw ambiguous(model, handle, e.providerRequestId(), sent, e);
        } catch (IOException e) {
            handle.ifPresent(h -> h.ambiguous(Optional.empty()));
            if (e instanceof InterruptedIOException && context.cancelled()) {
                throw e;
            }
            throw ambiguous(model, handle, Optional.empty(), sent, e);
        } catch (ProviderException e) {
            handle.ifPresent(JobHandle::failed);
            throw e;
        }
    }

    private AmbiguousSubmitException ambiguous(String model, Optional<JobHandle> handle,
            Optional<String> requestId, Instant sent, IOException failure) {
        String key = handle.map(h -> h.key().shortForm()).orElse("(no journal)");
        LOG.warn("Call of model {} to provider {} got no usable response (cache key {}): {}",
                model, provider, key, failure.getMessage());
        return new AmbiguousSubmitException(provider, requestId,
                ambiguousMessage(model, key, requestId, sent) + " after " + failure.getMessage()
                        + "; the submit was not repeated", failure);
    }

    private String ambiguousMessage(String model, String key, Optional<String> requestId,
            Instant sent) {
        String request = requestId.map(id -> "request id " + id)
                .orElse("no request id arrived; look for a request sent at " + sent);
        return "The call of model " + model + " to provider " + provider + " (cache key " + key
                + ") may have been charged, but no usable response arrived (" + request
                + "). Check the provider's dashboard before running this item again";
    }
}
