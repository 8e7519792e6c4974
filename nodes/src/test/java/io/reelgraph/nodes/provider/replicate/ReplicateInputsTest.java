package io.reelgraph.nodes.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.catalog.ModelParam;
import io.reelgraph.nodes.provider.async.JobPhase;
import io.reelgraph.nodes.provider.async.JobState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplicateInputsTest {

    private ModelParam aspect;

    @BeforeEach
    void loadCatalog() throws Exception {
        aspect = ModelCatalog.load().find("replicate/black-forest-labs/flux-schnell")
                .orElseThrow().param("aspect_ratio").orElseThrow();
    }

    @Nested
    class AspectRatio {

        @Test
        void widescreenPicksSixteenByNine() {
            assertThat(ReplicateInputs.closestAspectRatio(aspect, 1920, 1080)).contains("16:9");
        }

        @Test
        void squarePicksOneByOne() {
            assertThat(ReplicateInputs.closestAspectRatio(aspect, 512, 512)).contains("1:1");
        }

        @Test
        void portraitPicksNineBySixteen() {
            assertThat(ReplicateInputs.closestAspectRatio(aspect, 720, 1280)).contains("9:16");
        }

        @Test
        void zeroSizeSendsNothing() {
            assertThat(ReplicateInputs.closestAspectRatio(aspect, 0, 768)).isEmpty();
        }
    }

    @Nested
    class Progress {

        @Test
        void lastPercentageOfTheLogsWins() {
            assertThat(Predictions.progress("Using seed: 7\n 25%|██▌ | 1/4\n 75%|███▌ | 3/4")
                    .getAsDouble()).isEqualTo(0.75);
        }

        @Test
        void logsWithoutBarGiveNoProgress() {
            assertThat(Predictions.progress("Using seed: 7")).isEmpty();
        }
    }

    @Nested
    class Status {

        @Test
        void abortedIsCancelled() {
            JobState state = Predictions.state(FakeReplicateServer.parse(
                    "{\"status\":\"aborted\"}")).orElseThrow();

            assertThat(state.phase()).isEqualTo(JobPhase.CANCELLED);
        }

        @Test
        void sensitiveFlagIsModeration() {
            JobState state = Predictions.state(FakeReplicateServer.parse("{\"status\":\"failed\","
                    + "\"error\":\"The input or output was flagged as sensitive. (E005)\"}"))
                    .orElseThrow();

            assertThat(state.phase()).isEqualTo(JobPhase.MODERATED);
        }

        @Test
        void unknownStatusIsEmpty() {
            assertThat(Predictions.state(FakeReplicateServer.parse("{\"status\":\"paused\"}")))
                    .isEmpty();
        }
    }
}
