package io.reelgraph.nodes.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.nodes.media.MediaDuration;
import io.reelgraph.nodes.media.MediaInfo;
import io.reelgraph.nodes.media.MediaProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DraftVideoTest {

    /** 48 frames at 23.976 fps: 48 * 1001 / 24000 = 2.002 s. */
    private static final VideoRequest CLIP =
            new VideoRequest(48, 24_000, 1001, 320, 180, "rain on the market", 7, 0);

    private static byte[] png;
    private static byte[] mp4;

    @BeforeAll
    static void encodeOnce() {
        png = DraftImages.render(new ImageRequest(320, 180, "rain on the market", 7, 0,
                "draft/video", List.of()));
        mp4 = DraftVideo.fromImage(png, CLIP);
    }

    @Nested
    class Container {

        @Test
        void probeReadsExactDuration() throws Exception {
            MediaInfo info = MediaProbe.detect(mp4).orElseThrow();

            assertThat(info.mediaType()).isEqualTo("video/mp4");
            assertThat(info.duration()).contains(new MediaDuration(1001, 500));
            assertThat(info.width()).isEqualTo(320);
            assertThat(info.height()).isEqualTo(180);
        }

        @Test
        void largeRequestIsScaledDown() throws Exception {
            VideoRequest large = new VideoRequest(2, 24, 1, 1920, 1080, "wide", 1, 0);
            MediaInfo info = MediaProbe.detect(DraftVideo.fromImage(png, large)).orElseThrow();

            assertThat(info.width()).isEqualTo(640);
            assertThat(info.height()).isEqualTo(360);
            assertThat(info.duration()).contains(new MediaDuration(1, 12));
        }

        @Test
        void encodedSizeKeepsAspectWithEvenSides() {
            assertThat(DraftVideo.encodedSize(1344, 768)).containsExactly(640, 366);
            assertThat(DraftVideo.encodedSize(768, 1344)).containsExactly(366, 640);
            assertThat(DraftVideo.encodedSize(333, 101)).containsExactly(334, 102);
        }

        @Test
        void equalRequestsGiveEqualBytes() {
            assertThat(DraftVideo.fromImage(png, CLIP)).isEqualTo(mp4);
        }

        @Test
        void headerTimesAreZero() {
            // Equal bytes within one second prove little, because MP4 times count seconds.
            String text = new String(mp4, StandardCharsets.ISO_8859_1);
            for (String type : List.of("mvhd", "tkhd", "mdhd")) {
                int content = text.indexOf(type) + 4;
                assertThat(content).as(type + " box present").isGreaterThan(4);
                for (int i = 4; i < 12; i++) {
                    assertThat(mp4[content + i]).as(type + " time byte " + i).isZero();
                }
            }
        }

        @Test
        void variationChangesBytes() {
            VideoRequest next = new VideoRequest(48, 24_000, 1001, 320, 180,
                    "rain on the market", 7, 1);

            assertThat(DraftVideo.fromImage(png, next)).isNotEqualTo(mp4);
        }
    }

    @Nested
    class Ffprobe {

        @Test
        void reportsH264FrameCountAndDuration(@TempDir Path folder) throws Exception {
            Assumptions.assumeTrue(ffprobeAvailable(), "ffprobe is not installed");
            Path file = folder.resolve("clip.mp4");
            Files.write(file, mp4);

            Map<String, String> stream = ffprobe("-select_streams", "v:0", "-count_frames",
                    "-show_entries", "stream=codec_name,width,height,nb_read_frames,r_frame_rate,"
                            + "duration", file.toString());

            assertThat(stream).containsEntry("codec_name", "h264");
            assertThat(stream).containsEntry("nb_read_frames", "48");
            assertThat(stream).containsEntry("r_frame_rate", "24000/1001");
            assertThat(stream).containsEntry("duration", "2.002000");
            assertThat(stream).containsEntry("width", "320");
            assertThat(stream).containsEntry("height", "180");
        }
    }

    @Nested
    class Validation {

        @Test
        void notAnImageIsRejected() {
            byte[] text = "not an image".getBytes(StandardCharsets.US_ASCII);

            assertThatThrownBy(() -> DraftVideo.fromImage(text, CLIP))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Draft video source of 12 bytes is not an image format ImageIO "
                            + "reads; pass PNG bytes");
        }

        @Test
        void zeroFramesIsRejected() {
            assertThatThrownBy(() -> new VideoRequest(0, 24, 1, 320, 180, "p", 0, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Draft video frame count must be at least 1, got 0");
        }

        @Test
        void frameRateAboveMaximumIsRejected() {
            assertThatThrownBy(() -> new VideoRequest(10, 241, 1, 320, 180, "p", 0, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Draft video frame rate 241/1 is invalid");
        }
    }

    private static boolean ffprobeAvailable() {
        try {
            Process process = new ProcessBuilder("ffprobe", "-version")
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs ffprobe and returns its {@code key=value} lines as a map. */
    private static Map<String, String> ffprobe(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ffprobe", "-v", "error",
                "-of", "default=noprint_wrappers=1"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ffprobe finishes").isTrue();
        assertThat(process.exitValue()).as("ffprobe exit code, output: " + output).isZero();
        return output.lines().filter(line -> line.contains("="))
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (a, b) -> a));
    }
}
