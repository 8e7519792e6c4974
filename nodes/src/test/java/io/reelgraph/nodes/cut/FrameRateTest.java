package io.reelgraph.nodes.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameRateTest {

    @Nested
    class Parsing {

        @ParameterizedTest
        @CsvSource({
            "24, FPS_24", "25, FPS_25", "30, FPS_30", "50, FPS_50", "60, FPS_60",
            "23.976, FPS_23_976", "23.98, FPS_23_976", "29.97, FPS_29_97",
            "29.97df, FPS_29_97_DF", "29.97DF, FPS_29_97_DF", "59.94, FPS_59_94",
            "59.94df, FPS_59_94_DF", "'24 fps', FPS_24", "24000/1001, FPS_23_976"
        })
        void parsesKnownRates(String text, FrameRate expected) {
            assertThat(FrameRate.parse(text)).isEqualTo(expected);
        }

        @Test
        void labelParsesBack() {
            for (FrameRate rate : FrameRate.values()) {
                assertThat(FrameRate.parse(rate.label())).isEqualTo(rate);
            }
        }

        @Test
        void unknownRateListsAccepted() {
            assertThatThrownBy(() -> FrameRate.parse("48"))
                    .isInstanceOf(TimelineFormatException.class)
                    .hasMessage("Unknown frame rate \"48\"; use one of 23.976, 24, 25, 29.97,"
                            + " 29.97df, 30, 50, 59.94, 59.94df, 60");
        }
    }

    @Nested
    class FrameTime {

        @Test
        void ntscFrameDurations() {
            assertThat(FrameRate.FPS_23_976.frameDuration().toFcpxml()).isEqualTo("1001/24000s");
            assertThat(FrameRate.FPS_29_97_DF.frameDuration().toFcpxml())
                    .isEqualTo("1001/30000s");
            assertThat(FrameRate.FPS_59_94.frameDuration().toFcpxml()).isEqualTo("1001/60000s");
            assertThat(FrameRate.FPS_25.frameDuration().toFcpxml()).isEqualTo("1/25s");
        }

        @Test
        void timeOfFramesRoundTrips() {
            RationalTime time = FrameRate.FPS_23_976.timeOf(86400);
            assertThat(time.toFcpxml()).isEqualTo("18018/5s");
            assertThat(FrameRate.FPS_23_976.framesIn(time)).isEqualTo(86400);
        }

        @Test
        void framesInRejectsOffGridTime() {
            assertThatThrownBy(() -> FrameRate.FPS_24.framesIn(RationalTime.of(1, 48)))
                    .isInstanceOf(TimelineFormatException.class)
                    .hasMessage("Time 1/48s is not a whole number of 24 fps frames (1/24s each)");
        }

        @Test
        void framesCoveringRoundsUp() {
            assertThat(FrameRate.FPS_24.framesCovering(RationalTime.of(2001, 1000))).isEqualTo(49);
            assertThat(FrameRate.FPS_24.framesCovering(RationalTime.ofSeconds(2))).isEqualTo(48);
        }

        @Test
        void framesNearestRoundsHalfUp() {
            assertThat(FrameRate.FPS_30.framesNearest(RationalTime.of(1, 4))).isEqualTo(8);
            assertThat(FrameRate.FPS_29_97.framesNearest(RationalTime.of(1, 4))).isEqualTo(7);
        }
    }
}
