package io.reelgraph.nodes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.nodes.provider.FakeProvider.Stage;
import io.reelgraph.nodes.provider.error.AmbiguousSubmitException;
import io.reelgraph.nodes.provider.error.ServerErrorException;
import io.reelgraph.nodes.provider.http.HttpSettings;
import java.time.Duration;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract suite for adapters whose provider returns the result in the response to the
 * paid request. It runs the shared cases except polling, cancel and resume, and adds the retry
 * and journal rules of a synchronous call.
 */
public abstract class SyncProviderContractTest extends ProviderContractTest {

    /** HTTP settings for sync adapters under test: two retries and a 500 ms read timeout. */
    protected static final HttpSettings TEST_SETTINGS = new HttpSettings(Duration.ofSeconds(2),
            Duration.ofMillis(500), 2, Duration.ofMillis(5), Duration.ofSeconds(30), 1000, 1000,
            1024 * 1024);

    @Override
    protected boolean async() {
        return false;
    }

    @Override
    protected boolean resultUrls() {
        return false;
    }

    /**
     * Returns an MP3 of 38 silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono, 417
     * bytes and 1152 samples each, so just under a second) after an ID3v2 tag with a 4-byte
     * body.
     */
    public static byte[] mp3() {
        byte[] tag = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4};
        byte[] mp3 = java.util.Arrays.copyOf(tag, tag.length + 38 * 417);
        for (int frame = 0; frame < 38; frame++) {
            int at = tag.length + frame * 417;
            mp3[at] = (byte) 0xFF;
            mp3[at + 1] = (byte) 0xFB;
            mp3[at + 2] = (byte) 0x90;
            mp3[at + 3] = (byte) 0xC4;
        }
        return mp3;
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build();
    }

    @Nested
    class SyncRetries {

        @Test
        void unprocessedSubmitIsRetried() throws Exception {
            fake.failNext(Stage.SUBMIT, json(502, "{\"detail\":\"bad gateway\"}"));
            fake.failNext(Stage.SUBMIT, json(503, "{\"detail\":\"unavailable\"}"));

            Generation generation = generate(adapter, context);

            assertThat(generation.media().mediaType()).isEqualTo(mediaType());
            assertThat(fake.submits()).isEqualTo(3);
        }

        @Test
        void http500IsNotRetried() {
            fake.failNext(Stage.SUBMIT, json(500, "{\"detail\":\"boom\"}"));

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("HTTP 500");
            assertThat(fake.submits()).isEqualTo(1);
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        }

        @Test
        void retriesAreBounded() {
            for (int i = 0; i < 5; i++) {
                fake.failNext(Stage.SUBMIT, json(503, "{\"detail\":\"unavailable\"}"));
            }

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("HTTP 503");
            assertThat(fake.submits()).isEqualTo(TEST_SETTINGS.maxRetries() + 1);
        }
    }

    @Nested
    class SyncJournal {

        @Test
        void successLeavesEntryForEngine() throws Exception {
            generate(adapter, context);

            // The engine marks the entry done once the result is in the cache.
            assertThat(journal.find(KEY).orElseThrow().status())
                    .isEqualTo(JobStatus.SUBMITTING);
        }

        @Test
        void openEntryStopsTheCall() {
            journal.submitting(KEY, "earlier", "m");

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(AmbiguousSubmitException.class)
                    .hasMessageContaining("did not submit again");
            assertThat(fake.submits()).isZero();
        }

        @Test
        void failedEntryIsSentAgain() throws Exception {
            journal.submitting(KEY, "earlier", "m");
            journal.failed(KEY);

            generate(adapter, context);

            assertThat(fake.submits()).isEqualTo(1);
        }

        @Test
        void cancelledRunSendsNothing() {
            context.cancelled.set(true);

            assertThatThrownBy(() -> generate(adapter, context))
                    .isInstanceOf(InterruptedException.class);
            assertThat(fake.submits()).isZero();
            assertThat(journal.find(KEY)).isEqualTo(Optional.empty());
        }
    }
}
