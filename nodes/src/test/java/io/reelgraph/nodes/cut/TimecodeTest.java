package io.reelgraph.nodes.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimecodeTest {

    @Nested
    class NonDrop {

        @ParameterizedTest
        @CsvSource({
            "24, 86400, 01:00:00:00", "24, 23, 00:00:00:23", "23.976, 86400, 01:00:00:00",
            "25, 90000, 01:00:00:00", "29.97, 108000, 01:00:00:00", "29.97, 17982, 00:09:59:12",
            "60, 216001, 01:00:00:01"
        })
        void formatsAndParsesBack(String rateText, long frame, String text) {
            FrameRate rate = FrameRate.parse(rateText);
            assertThat(Timecode.ofFrame(frame, rate).format(rate)).isEqualTo(text);
            assertThat(Timecode.parse(text).toFrame(rate)).isEqualTo(frame);
        }

        @Test
        void frameFieldMustBeBelowBase() {
            assertThatThrownBy(() -> Timecode.parse("00:00:00:24").toFrame(FrameRate.FPS_24))
                    .isInstanceOf(TimelineFormatException.class)
                    .hasMessage("Timecode 00:00:00:24 has frame 24 but 24 fps labels run 00-23");
        }
    }

    @Nested
    class DropFrame {

        @ParameterizedTest
        @CsvSource({
            "0, 00:00:00;00", "1799, 00:00:59;29", "1800, 00:01:00;02", "3598, 00:02:00;02",
            "17981, 00:09:59;29", "17982, 00:10:00;00", "17983, 00:10:00;01",
            "19783, 00:11:00;03", "19782, 00:11:00;02", "19781, 00:10:59;29",
            "107892, 01:00:00;00", "2589407, 23:59:59;29"
        })
        void ntsc2997CountsDroppedLabels(long frame, String text) {
            FrameRate rate = FrameRate.FPS_29_97_DF;
            assertThat(Timecode.ofFrame(frame, rate).format(rate)).isEqualTo(text);
            assertThat(Timecode.parse(text).toFrame(rate)).isEqualTo(frame);
        }

        @ParameterizedTest
        @CsvSource({"3600, 00:01:00;04", "35964, 00:10:00;00", "215784, 01:00:00;00"})
        void ntsc5994DropsFourLabels(long frame, String text) {
            FrameRate rate = FrameRate.FPS_59_94_DF;
            assertThat(Timecode.ofFrame(frame, rate).format(rate)).isEqualTo(text);
            assertThat(Timecode.parse(text).toFrame(rate)).isEqualTo(frame);
        }

        @Test
        void everyFrameRoundTripsAcrossTenMinutes() {
            FrameRate rate = FrameRate.FPS_29_97_DF;
            long previous = -1;
            for (long frame = 17000; frame < 37000; frame++) {
                Timecode timecode = Timecode.ofFrame(frame, rate);
                assertThat(Timecode.parse(timecode.format(rate)).toFrame(rate)).isEqualTo(frame);
                long label = ((timecode.hours() * 60L + timecode.minutes()) * 60
                        + timecode.seconds()) * 30 + timecode.frames();
                assertThat(label).isGreaterThan(previous);
                previous = label;
            }
        }

        @Test
        void droppedLabelIsRejected() {
            assertThatThrownBy(() -> Timecode.parse("00:01:00;00").toFrame(FrameRate.FPS_29_97_DF))
                    .isInstanceOf(TimelineFormatException.class)
                    .hasMessage("Timecode 00:01:00;00 does not exist in 29.97df: drop-frame skips"
                            + " frames 00-01 at the start of each minute except every tenth");
        }

        @Test
        void tenthMinuteKeepsFrameZero() {
            assertThat(Timecode.parse("00:20:00;00").toFrame(FrameRate.FPS_29_97_DF))
                    .isEqualTo(35964);
        }
    }

    @Nested
    class Text {

        @Test
        void acceptsCommonSeparators() {
            assertThat(Timecode.parse("01:02:03;04")).isEqualTo(new Timecode(1, 2, 3, 4));
            assertThat(Timecode.parse("01:02:03.04")).isEqualTo(new Timecode(1, 2, 3, 4));
        }

        @Test
        void rejectsMalformed() {
            assertThatThrownBy(() -> Timecode.parse("1:00:00:00"))
                    .isInstanceOf(TimelineFormatException.class)
                    .hasMessage("Invalid timecode \"1:00:00:00\"; expected HH:MM:SS:FF or"
                            + " HH:MM:SS;FF");
        }

        @Test
        void rejectsSixtyMinutes() {
            assertThatThrownBy(() -> Timecode.parse("00:60:00:00"))
                    .isInstanceOf(TimelineFormatException.class)
                    .hasMessageStartingWith("Invalid timecode 00:60:00:00");
        }
    }
}
