package io.reelgraph.app.editor.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelgraph.nodes.draft.DraftAudio;
import io.reelgraph.nodes.draft.DraftImages;
import io.reelgraph.nodes.draft.DraftVideo;
import io.reelgraph.nodes.draft.ImageRequest;
import io.reelgraph.nodes.draft.SpeechRequest;
import io.reelgraph.nodes.draft.VideoRequest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewDecodingTest {

    /** Four words: max(11025, 8820 * 4 + 6615) = 41895 samples at 22050 Hz, 1.9 s. */
    private static final String FOUR_WORDS = "The lanterns are lit";

    @TempDir
    Path temp;

    @Nested
    class Audio {

        @Test
        void draftWavDecodesToExactSampleCount() throws Exception {
            Path wav = Files.write(temp.resolve("speech.wav"), DraftAudio.speech(
                    new SpeechRequest(FOUR_WORDS, "Rachel", 7, 0)));

            AudioClip clip = AudioClip.decode(wav, "audio/wav", Optional.empty());

            assertThat(clip.sampleFrames()).isEqualTo(41_895);
            assertThat(clip.durationMillis()).isEqualTo(1_900);
            assertThat(clip.format().getSampleRate()).isEqualTo(22_050f);
            assertThat(clip.format().getChannels()).isEqualTo(1);
        }

        @Test
        void peaksFollowTheSpeech() throws Exception {
            Path wav = Files.write(temp.resolve("speech.wav"), DraftAudio.speech(
                    new SpeechRequest(FOUR_WORDS, "Rachel", 7, 0)));
            AudioClip clip = AudioClip.decode(wav, "audio/wav", Optional.empty());

            float[] peaks = clip.peaks(19);

            assertThat(peaks).hasSize(19);
            // The first 0.15 s is the silent lead-in, and the words peak near 0.3 of full scale.
            assertThat(peaks[0]).isZero();
            assertThat(max(peaks)).isBetween(0.2f, 0.31f);
        }

        @Test
        void mp3DecodesThroughFfmpeg() throws Exception {
            Optional<Ffmpeg> ffmpeg = Ffmpeg.locate();
            assumeTrue(ffmpeg.isPresent(), "ffmpeg is not installed");
            Path wav = Files.write(temp.resolve("speech.wav"), DraftAudio.speech(
                    new SpeechRequest(FOUR_WORDS, "Rachel", 7, 0)));
            Path mp3 = temp.resolve("speech.mp3");
            ffmpeg.get().run(wav, List.of("-i", wav.toString(), "-codec:a", "libmp3lame",
                    "-b:a", "64k", mp3.toString()));

            AudioClip clip = AudioClip.decode(mp3, "audio/mpeg", ffmpeg);

            // MP3 encoders pad the stream, so the decoded clip is a little longer than the WAV.
            assertThat(clip.format().getSampleRate()).isEqualTo(22_050f);
            assertThat(clip.durationMillis()).isBetween(1_900L, 2_000L);
        }

        @Test
        void mp3WithoutFfmpegNamesTheFix() throws Exception {
            Path mp3 = Files.write(temp.resolve("speech.mp3"), new byte[] {1, 2, 3});

            assertThatThrownBy(() -> AudioClip.decode(mp3, "audio/mpeg", Optional.empty()))
                    .isInstanceOf(MediaDecodeException.class)
                    .hasMessage("Cannot decode audio/mpeg in " + mp3 + " because ffmpeg is not"
                            + " installed; install ffmpeg or set -Dreelgraph.ffmpeg to play it");
        }

        @Test
        void damagedWavIsRejected() throws Exception {
            Path wav = Files.write(temp.resolve("broken.wav"), new byte[] {'R', 'I', 'F', 'F'});

            assertThatThrownBy(() -> AudioClip.decode(wav, "audio/wav", Optional.empty()))
                    .isInstanceOf(MediaDecodeException.class)
                    .hasMessageStartingWith(wav + " is not WAV audio that Java can decode");
        }
    }

    @Nested
    class Video {

        @Test
        void draftMp4FrameDecodesAtEncodedSize() throws Exception {
            Ffmpeg ffmpeg = requireFfmpeg();
            Path mp4 = draftClip();
            VideoFrames frames = new VideoFrames(ffmpeg, mp4);

            BufferedImage first = frames.frameAt(0);
            BufferedImage later = frames.frameAt(1_500);

            assertThat(first.getWidth()).isEqualTo(320);
            assertThat(first.getHeight()).isEqualTo(180);
            assertThat(later.getWidth()).isEqualTo(320);
            assertThat(pixels(first)).isNotEqualTo(pixels(later));
        }

        @Test
        void repeatedTimeComesFromTheCache() throws Exception {
            Ffmpeg ffmpeg = requireFfmpeg();
            VideoFrames frames = new VideoFrames(ffmpeg, draftClip());

            BufferedImage first = frames.frameAt(500);
            BufferedImage again = frames.frameAt(500);

            assertThat(again).isSameAs(first);
            assertThat(frames.cachedFrames()).isEqualTo(1);
        }

        @Test
        void notAVideoNamesTheFile() throws Exception {
            Ffmpeg ffmpeg = requireFfmpeg();
            Path text = Files.writeString(temp.resolve("notes.mp4"), "not a video");

            assertThatThrownBy(() -> new VideoFrames(ffmpeg, text).frameAt(0))
                    .isInstanceOf(MediaDecodeException.class)
                    .hasMessageStartingWith("ffmpeg failed to decode " + text + " (exit ");
        }

        private Path draftClip() throws Exception {
            byte[] png = DraftImages.render(new ImageRequest(320, 180, "night market", 7, 0,
                    "draft", List.of()));
            byte[] mp4 = DraftVideo.fromImage(png, new VideoRequest(48, 24, 1, 320, 180,
                    "night market", 7, 0));
            return Files.write(temp.resolve("clip.mp4"), mp4);
        }
    }

    private static Ffmpeg requireFfmpeg() {
        Optional<Ffmpeg> ffmpeg = Ffmpeg.locate();
        assumeTrue(ffmpeg.isPresent(), "ffmpeg is not installed");
        return ffmpeg.get();
    }

    private static float max(float[] values) {
        float max = 0;
        for (float value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0,
                image.getWidth());
    }
}
