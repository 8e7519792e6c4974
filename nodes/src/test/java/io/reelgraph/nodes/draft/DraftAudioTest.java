package io.reelgraph.nodes.draft;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.nodes.media.MediaDuration;
import io.reelgraph.nodes.media.MediaInfo;
import io.reelgraph.nodes.media.MediaProbe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DraftAudioTest {

    private static final SpeechRequest LINE =
            new SpeechRequest("Are you coming to the market tonight?", "mira", 3, 0);

    @Nested
    class Length {

        @Test
        void sevenWordsLastThreePointOneSeconds() {
            // 7 words * 0.4 s + 0.3 s = 3.1 s
            assertThat(DraftAudio.durationFor(LINE.text())).isEqualTo(new MediaDuration(31, 10));
        }

        @Test
        void emptyTextLastsTheMinimum() {
            assertThat(DraftAudio.durationFor("")).isEqualTo(new MediaDuration(1, 2));
            assertThat(DraftAudio.durationFor("  \n ")).isEqualTo(new MediaDuration(1, 2));
        }

        @Test
        void oneWordLastsSevenTenths() {
            assertThat(DraftAudio.durationFor("Hey!")).isEqualTo(new MediaDuration(7, 10));
        }

        @Test
        void wavDurationMatchesDurationFor() throws Exception {
            MediaInfo info = MediaProbe.detect(DraftAudio.speech(LINE)).orElseThrow();

            assertThat(info.duration()).contains(DraftAudio.durationFor(LINE.text()));
        }
    }

    @Nested
    class Format {

        @Test
        void headerIsSixteenBitMonoPcm() {
            ByteBuffer wav = ByteBuffer.wrap(DraftAudio.speech(LINE)).order(ByteOrder.LITTLE_ENDIAN);

            assertThat(ascii(wav, 0)).isEqualTo("RIFF");
            assertThat(wav.getInt(4)).isEqualTo(wav.capacity() - 8);
            assertThat(ascii(wav, 8)).isEqualTo("WAVE");
            assertThat(ascii(wav, 12)).isEqualTo("fmt ");
            assertThat(wav.getShort(20)).as("PCM format").isEqualTo((short) 1);
            assertThat(wav.getShort(22)).as("channels").isEqualTo((short) 1);
            assertThat(wav.getInt(24)).as("sample rate").isEqualTo(22_050);
            assertThat(wav.getInt(28)).as("byte rate").isEqualTo(44_100);
            assertThat(wav.getShort(32)).as("block align").isEqualTo((short) 2);
            assertThat(wav.getShort(34)).as("bits per sample").isEqualTo((short) 16);
            assertThat(ascii(wav, 36)).isEqualTo("data");
            assertThat(wav.getInt(40)).as("data bytes").isEqualTo(2 * (7 * 8820 + 6615));
        }

        @Test
        void samplesAreNotSilent() {
            ByteBuffer wav = ByteBuffer.wrap(DraftAudio.speech(LINE)).order(ByteOrder.LITTLE_ENDIAN);
            int peak = 0;
            for (int at = 44; at < wav.capacity(); at += 2) {
                peak = Math.max(peak, Math.abs(wav.getShort(at)));
            }

            assertThat(peak).isGreaterThan(3000);
            assertThat(peak).isLessThan(Short.MAX_VALUE / 2);
        }

        @Test
        void edgesAreSilent() {
            ByteBuffer wav = ByteBuffer.wrap(DraftAudio.speech(LINE)).order(ByteOrder.LITTLE_ENDIAN);

            assertThat(wav.getShort(44)).isZero();
            assertThat(wav.getShort(wav.capacity() - 2)).isZero();
        }
    }

    @Nested
    class Determinism {

        @Test
        void equalRequestsGiveEqualBytes() {
            assertThat(DraftAudio.speech(LINE)).isEqualTo(DraftAudio.speech(
                    new SpeechRequest(LINE.text(), "mira", 3, 0)));
        }

        @Test
        void voiceChangesSamples() {
            assertThat(DraftAudio.speech(new SpeechRequest(LINE.text(), "tomas", 3, 0)))
                    .isNotEqualTo(DraftAudio.speech(LINE));
        }

        @Test
        void variationChangesSamples() {
            assertThat(DraftAudio.speech(new SpeechRequest(LINE.text(), "mira", 3, 1)))
                    .isNotEqualTo(DraftAudio.speech(LINE));
        }
    }

    private static String ascii(ByteBuffer buffer, int at) {
        byte[] bytes = new byte[4];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
