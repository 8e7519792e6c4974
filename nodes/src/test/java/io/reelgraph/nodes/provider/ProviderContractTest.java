package io.reelgraph.nodes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.journal.H2JobJournal;
import io.reelgraph.engine.journal.JobHandle;
import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.provider.FakeProvider.Stage;
import io.reelgraph.nodes.provider.error.AmbiguousSubmitException;
import io.reelgraph.nodes.provider.error.ExpiredResultException;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.KeyRejectedException;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.ServerErrorException;
import io.reelgraph.nodes.provider.http.Sleeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every provider adapter must show against its fake server. A subclass supplies
 * the fake and an adapter wired to it with a key, the given sleeper and a short read timeout.
 */
public abstract class ProviderContractTest {

    protected static final CacheKey KEY = new CacheKey("c".repeat(64));

    @TempDir
    Path temp;

    protected FakeProvider fake;
    protected Provider adapter;
    protected final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    protected final RecordingContext context = new RecordingContext();
    private H2ResultCache cache;
    protected H2JobJournal journal;

    /** Starts the fake server of the provider. */
    protected abstract FakeProvider startFake() throws Exception;

    /** Creates the adapter on the fake's base URL with the fake's key, using {@code sleeper}. */
    protected abstract Provider adapter(FakeProvider fake, Sleeper sleeper, Optional<String> key);

    /** Runs one generation of the adapter's main modality. */
    protected abstract Generation generate(Provider adapter, WorkContext context) throws Exception;

    /** The key alias the adapter's key lookup reports. */
    protected abstract String keyAlias();

    /**
     * Returns whether the adapter submits jobs and polls them. A synchronous adapter returns
     * false and skips the cases about queued progress, polling, cancel and resume, which its
     * API does not have.
     */
    protected boolean async() {
        return true;
    }

    /**
     * Returns whether results arrive as URLs that the adapter downloads. An adapter whose
     * result is in the response itself skips the expired-URL and key-free download cases. Its
     * fake applies a scripted {@link Stage#MEDIA} failure to the request that returns the media.
     */
    protected boolean resultUrls() {
        return true;
    }

    /** Returns the media type that {@link #generate} makes from the fake's default media. */
    protected String mediaType() {
        return "image/png";
    }

    /** Returns the stage whose success body is JSON; empty when no success body is JSON. */
    protected Optional<Stage> jsonStage() {
        return Optional.of(Stage.POLL);
    }

    /** Returns the progress prefixes a job reports before it finishes; Veo has no queued state. */
    protected List<String> expectedProgress() {
        return async() ? List.of("queued", "running") : List.of();
    }

    /** Returns whether result downloads must carry the key, as Google's file URIs do. */
    protected boolean downloadsNeedKey() {
        return false;
    }

    /** Returns whether the provider's API can cancel a running job; BFL's API cannot. */
    protected boolean supportsCancel() {
        return true;
    }

    /** Returns whether the adapter settles an ambiguous submit from the provider's job list. */
    protected boolean hasJobList() {
        return false;
    }

    @BeforeEach
    void start() throws Exception {
        fake = startFake();
        Sleeper sleeper = duration -> {
            sleeps.add(duration);
            context.onSleep();
        };
        adapter = adapter(fake, sleeper, Optional.of(fake.key()));
        cache = H2ResultCache.open(temp.resolve("cache"));
        journal = new H2JobJournal(cache.dataSource());
        context.handle = Optional.of(new JobHandle(journal, KEY));
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
        cache.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build();
    }

    @Nested
    class Success {

        @Test
        void generationIsDownloadedAndTyped() throws Exception {
            Generation generation = generate(adapter, context);

            assertThat(generation.media().mediaType()).isEqualTo(mediaType());
            assertThat(generation.media().draft()).isFalse();
            assertThat(fake.submits()).isEqualTo(1);
            assertThat(context.progress).isNotEmpty();
            for (String prefix : expectedProgress()) {
                assertThat(context.progress).anyMatch(status -> status.startsWith(prefix));
            }
        }

        @Test
        void journalEntryHoldsTheJob() throws Exception {
            assumeTrue(async(), "a synchronous call creates no job to record");
            generate(adapter, context);

            var entry = journal.find(KEY).orElseThrow();
            assertThat(entry.status()).isEqualTo(JobStatus.SUBMITTED);
            assertThat(entry.job()).isPresent();
        }

        @Test
        void mediaDownloadGoesWithoutKey() throws Exception {
            assumeTrue(resultUrls(), "the result arrives in the response, not from a URL");
            generate(adapter, context);

            assertThat(fake.mediaAuthorizationHeaders())
                    .containsExactly(downloadsNeedKey() ? fake.key() : "null");
        }
    }

    @Nested
    class Retries {

        @Test
        void rateLimitWaitIsReportedThenSucceeds() throws Exception {
            Stage stage = async() ? Stage.POLL : Stage.SUBMIT;
            fake.failNext(stage, new MockResponse.Builder().code(429)
                    .addHeader("Retry-After", "3").body("{\"detail\":\"slow down\"}").build());

            generate(adapter, context);

            assertThat(context.rateLimitWaits).contains(3000L);
            assertThat(sleeps).contains(Duration.ofSeconds(3));
        }

        @Test
        void serverErrorsAreRetried() throws Exception {
            assumeTrue(async(), "a paid synchronous call is not retried after HTTP 500");
            fake.failNext(Stage.POLL, json(500, "{\"detail\":\"boom\"}"));
            fake.failNext(Stage.POLL, json(503, "{\"detail\":\"unavailable\"}"));

            Generation generation = generate(adapter, context);

            assertThat(generation.media().mediaType()).isEqualTo(mediaType());
        }

        @Test
        void retriesAreBounded() {
            assumeTrue(async(), "a synchronous call has no result stage to retry");
            for (int i = 0; i < 5; i++) {
                fake.failNext(Stage.RESULT, json(500, "{\"detail\":\"boom\"}"));
            }

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("HTTP 500");
        }
    }

    @Nested
    class Errors {

        @Test
        void moderationIsNotRetried() {
            fake.failNext(Stage.SUBMIT, json(422, "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],"
                    + "\"msg\":\"blocked by content policy\",\"type\":\"content_policy_violation\"}]}"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ModerationException.class);
            assertThat(fake.submits()).isEqualTo(1);
        }

        @Test
        void invalidInputNamesTheField() {
            fake.failNext(Stage.SUBMIT, json(422, "{\"detail\":[{\"loc\":[\"body\",\"seed\"],"
                    + "\"msg\":\"value is not a valid integer\",\"type\":\"type_error\"}]}"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("seed"));
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        }

        @Test
        void rejectedKeyNamesAliasNotKey() {
            Provider wrongKey = adapter(fake, d -> { }, Optional.of(
                    "11111111-2222-3333-4444-555555555555:ffffffffffffffffffffffff"));

            assertThatThrownBy(() -> generate(wrongKey, context))
                    .isInstanceOf(KeyRejectedException.class)
                    .hasMessageContaining(keyAlias())
                    .hasMessageNotContaining("ffffffffffffffffffffffff")
                    .hasMessageNotContaining(fake.key());
        }

        @Test
        void outOfCreditIsNotRetried() {
            fake.failNext(Stage.SUBMIT, json(402, "{\"detail\":\"Exhausted balance\"}"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(OutOfCreditException.class);
            assertThat(fake.submits()).isEqualTo(1);
        }

        @Test
        void expiredResultUrl() {
            assumeTrue(resultUrls(), "the result arrives in the response, not from a URL");
            fake.failNext(Stage.MEDIA, json(410, "{}"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ExpiredResultException.class);
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        }

        @Test
        void malformedJson() {
            assumeTrue(jsonStage().isPresent(), "no success response of the API is JSON");
            fake.failNext(jsonStage().get(), new MockResponse.Builder().code(200)
                    .body("{status:").build());

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("not valid JSON");
        }

        @Test
        void truncatedDownload() {
            fake.failNext(Stage.MEDIA, new MockResponse.Builder().code(200)
                    .body(new Buffer().write(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                    .setHeader("Content-Length", 4000)
                    .onResponseEnd(new SocketEffect.CloseSocket()).build());

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("truncated");
        }

        @Test
        void bytesThatAreNotMedia() {
            fake.serveMedia("<html>not an image</html>".getBytes());

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("not in any supported media format");
        }
    }

    @Nested
    class Journal {

        @Test
        void cancellationMidPollCancelsTheJob() {
            assumeTrue(async(), "a synchronous call has no job to cancel");
            assumeTrue(supportsCancel(), "the provider's API has no cancel");
            fake.holdJobsRunning();
            context.cancelAfterSleeps = 2;

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(InterruptedException.class);
            assertThat(fake.cancels()).isEqualTo(1);
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        }

        @Test
        void cancellationWithoutCancelKeepsTheJob() {
            assumeFalse(supportsCancel(), "the provider's API has a cancel");
            fake.holdJobsRunning();
            context.cancelAfterSleeps = 2;

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(InterruptedException.class)
                    .hasMessageContaining("kept for the next run");
            assertThat(fake.cancels()).isZero();
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.SUBMITTED);
        }

        @Test
        void submittedEntryIsPolledNotSubmitted() throws Exception {
            assumeTrue(async(), "a synchronous call has no job to resume");
            ProviderJob earlier = fake.createJob();
            journal.submitting(KEY, "fal", "m");
            journal.submitted(KEY, earlier);

            Generation generation = generate(adapter, context);

            assertThat(fake.submits()).isZero();
            assertThat(generation.media().mediaType()).isEqualTo(mediaType());
        }

        @Test
        void ambiguousSubmitIsNotRepeated() {
            assumeFalse(hasJobList(), "the adapter settles ambiguous submits from its job list");
            fake.stallSubmits();

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(AmbiguousSubmitException.class)
                    .hasMessageContaining("the submit was not repeated");
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.AMBIGUOUS);

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(AmbiguousSubmitException.class)
                    .hasMessageContaining("did not submit again");
            assertThat(fake.submits()).isEqualTo(1);
        }
    }

    @Nested
    class JobList {

        @Test
        void ambiguousSubmitIsFoundInJobList() throws Exception {
            assumeTrue(hasJobList(), "the provider has no job list");
            fake.stallSubmits();

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(AmbiguousSubmitException.class)
                    .hasMessageContaining("the submit was not repeated");
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.AMBIGUOUS);

            Generation generation = generate(adapter, context);

            assertThat(generation.media().mediaType()).isEqualTo("image/png");
            assertThat(fake.submits()).isEqualTo(1);
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.SUBMITTED);
        }
    }

    /** A work context that records progress and rate-limit waits. */
    protected static final class RecordingContext implements WorkContext {
        final List<String> progress = new CopyOnWriteArrayList<>();
        final List<Long> rateLimitWaits = new CopyOnWriteArrayList<>();
        final AtomicBoolean cancelled = new AtomicBoolean();
        volatile int cancelAfterSleeps = -1;
        volatile Optional<JobHandle> handle = Optional.empty();
        private int sleepsSeen;

        @Override
        public void progress(double fraction, String status) {
            progress.add(status);
        }

        @Override
        public void waitingForRateLimit(long millis) {
            rateLimitWaits.add(millis);
        }

        @Override
        public boolean cancelled() {
            return cancelled.get();
        }

        @Override
        public Optional<JobHandle> job() {
            return handle;
        }

        synchronized void onSleep() {
            sleepsSeen++;
            if (cancelAfterSleeps >= 0 && sleepsSeen >= cancelAfterSleeps) {
                cancelled.set(true);
            }
        }
    }
}
