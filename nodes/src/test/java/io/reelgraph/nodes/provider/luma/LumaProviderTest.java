package io.reelgraph.nodes.provider.luma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.journal.H2JobJournal;
import io.reelgraph.engine.journal.JobHandle;
import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.draft.DraftVideo;
import io.reelgraph.nodes.draft.VideoRequest;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.provider.VideoJob;
import io.reelgraph.nodes.provider.error.AmbiguousSubmitException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.ServerErrorException;
import io.reelgraph.nodes.provider.fal.TestMedia;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LumaProviderTest {

    private static final CacheKey KEY = new CacheKey("d".repeat(64));

    @TempDir
    Path temp;

    private ModelCatalog catalog;
    private FakeLumaServer fake;
    private LumaProvider adapter;
    private H2ResultCache cache;
    private H2JobJournal journal;
    private Optional<JobHandle> handle = Optional.empty();
    private final WorkContext context = new WorkContext() {
        @Override
        public void progress(double fraction, String status) {
        }

        @Override
        public void waitingForRateLimit(long millis) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public Optional<JobHandle> job() {
            return handle;
        }
    };

    @BeforeEach
    void start() throws Exception {
        catalog = ModelCatalog.load();
        fake = new FakeLumaServer();
        adapter = LumaTesting.adapter(catalog, fake, d -> { }, Optional.of(fake.key()));
        cache = H2ResultCache.open(temp.resolve("cache"));
        journal = new H2JobJournal(cache.dataSource());
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
        cache.close();
    }

    private VideoJob video(String model, int seconds, int width, int height) {
        Artifact still = Artifact.ofBytes("image/png", TestMedia.png(), false);
        return new VideoJob(catalog.find(model).orElseThrow(), still, "the camera drifts left",
                seconds, width, height, 3, 0);
    }

    @Nested
    class Requests {

        @Test
        void videoBodyMapsCatalogValues() throws Exception {
            fake.serveMedia(mp4());

            Generation generation = adapter.video(video("luma/ray-2", 8, 1920, 1080), context);

            JsonNode body = fake.createBodies().get(0);
            assertThat(body.get("model").asText()).isEqualTo("ray-2");
            assertThat(body.get("prompt").asText()).isEqualTo("the camera drifts left");
            assertThat(body.get("duration").asText()).isEqualTo("9s");
            assertThat(body.get("resolution").asText()).isEqualTo("1080p");
            assertThat(body.get("aspect_ratio").asText()).isEqualTo("16:9");
            assertThat(body.get("loop").asBoolean()).isFalse();
            assertThat(body.at("/keyframes/frame0/type").asText()).isEqualTo("image");
            assertThat(body.at("/keyframes/frame0/url").asText()).isEqualTo("data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(TestMedia.png()));
            assertThat(generation.media().mediaType()).isEqualTo("video/mp4");
            assertThat(generation.providerRequestId()).isPresent();
            assertThat(generation.actualUsd()).isEmpty();
        }

        @Test
        void imageBodyMapsAspectAndReferences() throws Exception {
            Artifact reference = Artifact.ofBytes("image/png", TestMedia.png(), false);

            adapter.image(new ImageJob(catalog.find("luma/photon-flash-1").orElseThrow(),
                    "a lighthouse", 768, 1344, 1, 0, List.of(reference)), context);

            JsonNode body = fake.createBodies().get(0);
            assertThat(body.get("model").asText()).isEqualTo("photon-flash-1");
            assertThat(body.get("aspect_ratio").asText()).isEqualTo("9:16");
            assertThat(body.get("format").asText()).isEqualTo("jpg");
            assertThat(body.at("/image_ref/0/url").asText()).startsWith("data:image/png;base64,");
        }

        @Test
        void shortVideoGetsSmallestValues()
                throws Exception {
            fake.serveMedia(mp4());

            adapter.video(video("luma/ray-flash-2", 4, 960, 540), context);

            JsonNode body = fake.createBodies().get(0);
            assertThat(body.get("duration").asText()).isEqualTo("5s");
            assertThat(body.get("resolution").asText()).isEqualTo("540p");
        }
    }

    @Nested
    class Outcomes {

        @Test
        void failedGenerationCarriesTheFailureReason() {
            fake.failGenerations("Job failed due to internal error");

            assertThatThrownBy(() -> adapter.image(image(), context))
                    .isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("ended as failed: Job failed due to internal error");
        }

        @Test
        void moderatedGenerationIsAModerationFailure() {
            fake.failGenerations("400: prompt not allowed because advanced moderation failed");

            assertThatThrownBy(() -> adapter.image(image(), context))
                    .isInstanceOf(ModerationException.class)
                    .hasMessageContaining("advanced moderation failed");
        }

        @Test
        void insufficientCreditsIsOutOfCredit() {
            fake.failNext(FakeLumaServer.Stage.SUBMIT, FakeLumaServer.json(400,
                    "{\"detail\":\"Insufficient credits\"}"));

            assertThatThrownBy(() -> adapter.image(image(), context))
                    .isInstanceOf(OutOfCreditException.class)
                    .hasMessageContaining("Insufficient credits");
            assertThat(fake.submits()).isEqualTo(1);
        }
    }

    @Nested
    class Registration {

        @Test
        void standardProvidersIncludeLuma() {
            Providers providers = Providers.standard(catalog,
                    new EnvironmentKeyLookup(catalog, Map.of()), Map.of());

            assertThat(providers.has(LumaProvider.ID)).isTrue();
        }
    }

    @Nested
    class AmbiguousSubmits {

        @Test
        void twoListedMatchesAreNotGuessedBetween() throws Exception {
            handle = Optional.of(new JobHandle(journal, KEY));
            journal.submitting(KEY, LumaProvider.ID, "luma/photon-1");
            journal.ambiguous(KEY, Optional.empty());
            fake.addGeneration("image", "photon-1", "a night market");
            fake.addGeneration("image", "photon-1", "a night market");

            assertThatThrownBy(() -> adapter.image(image(), context))
                    .isInstanceOf(AmbiguousSubmitException.class)
                    .hasMessageContaining("Luma lists 2 generations of model luma/photon-1");
            assertThat(fake.submits()).isZero();
        }

        @Test
        void unmatchedListAllowsSubmit() throws Exception {
            handle = Optional.of(new JobHandle(journal, KEY));
            journal.submitting(KEY, LumaProvider.ID, "luma/photon-1");
            journal.ambiguous(KEY, Optional.empty());
            fake.addGeneration("image", "photon-1", "another prompt");
            fake.addGeneration("video", "ray-2", "a night market");

            adapter.image(image(), context);

            assertThat(fake.submits()).isEqualTo(1);
            assertThat(journal.find(KEY).orElseThrow().status()).isEqualTo(JobStatus.SUBMITTED);
        }
    }

    private static byte[] mp4() {
        return DraftVideo.fromImage(TestMedia.png(),
                new VideoRequest(24, 24, 1, 64, 64, "", 1, 0));
    }

    private ImageJob image() {
        return new ImageJob(catalog.find("luma/photon-1").orElseThrow(), "a night market", 1024,
                1024, 7, 0, List.of());
    }
}
