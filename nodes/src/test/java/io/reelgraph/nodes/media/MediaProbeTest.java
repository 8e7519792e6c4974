package io.reelgraph.nodes.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MediaProbeTest {

    @Nested
    class Images {

        @Test
        void pngSizeFromIhdr() throws Exception {
            MediaInfo info = probe(imageBytes("png", 321, 123));

            assertThat(info.mediaType()).isEqualTo("image/png");
            assertThat(info.width()).isEqualTo(321);
            assertThat(info.height()).isEqualTo(123);
            assertThat(info.duration()).isEmpty();
        }

        @Test
        void jpegSizeFromStartOfFrame() throws Exception {
            MediaInfo info = probe(imageBytes("jpg", 200, 75));

            assertThat(info.mediaType()).isEqualTo("image/jpeg");
            assertThat(info.width()).isEqualTo(200);
            assertThat(info.height()).isEqualTo(75);
        }

        @Test
        void gifSizeFromScreenDescriptor() throws Exception {
            MediaInfo info = probe(imageBytes("gif", 90, 40));

            assertThat(info.mediaType()).isEqualTo("image/gif");
            assertThat(info.width()).isEqualTo(90);
            assertThat(info.height()).isEqualTo(40);
        }

        @Test
        void webpLosslessSize() throws Exception {
            // VP8L header: signature 0x2F, then 14-bit width-1 and height-1.
            int bits = (300 - 1) | (150 - 1) << 14;
            byte[] webp = riff("WEBP", "VP8L", ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN)
                    .put((byte) 0x2F).putInt(bits).array());

            MediaInfo info = probe(webp);

            assertThat(info.mediaType()).isEqualTo("image/webp");
            assertThat(info.width()).isEqualTo(300);
            assertThat(info.height()).isEqualTo(150);
        }

        @Test
        void webpExtendedCanvasSize() throws Exception {
            byte[] payload = {0, 0, 0, 0, (byte) 0x7F, 0x07, 0, 0x37, 0x04, 0};
            MediaInfo info = probe(riff("WEBP", "VP8X", payload));

            assertThat(info.width()).isEqualTo(1920);
            assertThat(info.height()).isEqualTo(1080);
        }
    }

    @Nested
    class Audio {

        @Test
        void wavDurationFromDataSize() throws Exception {
            MediaInfo info = probe(wav(22_050, 1, 33_075));

            assertThat(info.mediaType()).isEqualTo("audio/wav");
            assertThat(info.sampleRate()).isEqualTo(22_050);
            assertThat(info.channels()).isEqualTo(1);
            assertThat(info.duration()).contains(new MediaDuration(3, 2));
        }

        @Test
        void wavStereoCountsSampleFrames() throws Exception {
            MediaInfo info = probe(wav(48_000, 2, 48_000));

            assertThat(info.channels()).isEqualTo(2);
            assertThat(info.duration()).contains(new MediaDuration(1, 1));
        }

        @Test
        void wavWithTruncatedDataRaises() {
            byte[] wav = wav(22_050, 1, 1000);

            assertThatThrownBy(() -> MediaProbe.detect(Arrays.copyOf(wav, wav.length - 1)))
                    .isInstanceOf(MalformedMediaException.class)
                    .hasMessageContaining("data chunk")
                    .hasMessageContaining("truncated");
        }

        @Test
        void mp3AfterId3Tag() throws Exception {
            // ID3v2.4 tag with 4 bytes of body, then an MPEG-1 Layer III frame at 44.1 kHz, mono.
            byte[] mp3 = concat("ID3".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {4, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4},
                    new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0xC4});

            MediaInfo info = probe(mp3);

            assertThat(info.mediaType()).isEqualTo("audio/mpeg");
            assertThat(info.sampleRate()).isEqualTo(44_100);
            assertThat(info.channels()).isEqualTo(1);
            assertThat(info.duration()).isEmpty();
        }

        @Test
        void mp3DurationCountsCompleteFrames() throws Exception {
            // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: each frame is 144 * 128000 / 44100 = 417
            // bytes and holds 1152 samples. Ten frames, then half of an eleventh.
            byte[] frame = new byte[417];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB;
            frame[2] = (byte) 0x90;
            frame[3] = (byte) 0x44;
            byte[] mp3 = new byte[417 * 10 + 200];
            for (int i = 0; i < 11; i++) {
                System.arraycopy(frame, 0, mp3, i * 417, Math.min(417, mp3.length - i * 417));
            }

            MediaInfo info = probe(mp3);

            assertThat(info.duration()).contains(MediaDuration.of(11_520, 44_100));
            assertThat(info.sampleRate()).isEqualTo(44_100);
        }

        @Test
        void mp3DurationMatchesFfprobe(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
                throws Exception {
            java.nio.file.Path file = dir.resolve("tone.mp3");
            org.junit.jupiter.api.Assumptions.assumeTrue(run("ffmpeg", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=2.5", "-ac", "1", "-ar",
                    "44100", "-b:a", "128k", file.toString()).isPresent(), "ffmpeg is missing");
            String probed = run("ffprobe", "-v", "error", "-show_entries", "format=duration",
                    "-of", "csv=p=0", file.toString()).orElseThrow();

            MediaInfo info = probe(java.nio.file.Files.readAllBytes(file));

            assertThat(info.duration().orElseThrow().toSeconds())
                    .isCloseTo(Double.parseDouble(probed.strip()),
                            org.assertj.core.data.Offset.offset(0.001));
        }

        private java.util.Optional<String> run(String... command) throws Exception {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8);
                return process.waitFor() == 0 ? java.util.Optional.of(output)
                        : java.util.Optional.empty();
            } catch (java.io.IOException missing) {
                return java.util.Optional.empty();
            }
        }

        @Test
        void mp3BareFrameHeader() throws Exception {
            // MPEG-2 Layer III, sample rate index 1 (24 kHz), stereo.
            byte[] mp3 = {(byte) 0xFF, (byte) 0xF3, (byte) 0x44, (byte) 0x00};

            MediaInfo info = probe(mp3);

            assertThat(info.sampleRate()).isEqualTo(24_000);
            assertThat(info.channels()).isEqualTo(2);
        }
    }

    @Nested
    class Video {

        @Test
        void mp4DurationFromVersion0Mvhd() throws Exception {
            byte[] mp4 = isoFile("isom", mvhdV0(24_000, 120_120));

            MediaInfo info = probe(mp4);

            assertThat(info.mediaType()).isEqualTo("video/mp4");
            assertThat(info.duration()).contains(new MediaDuration(1001, 200));
        }

        @Test
        void mp4DurationFromVersion1Mvhd() throws Exception {
            long ticks = 5_000_000_000L;
            byte[] mp4 = isoFile("mp42", mvhdV1(1_000_000, ticks));

            MediaInfo info = probe(mp4);

            assertThat(info.duration()).contains(new MediaDuration(5000, 1));
        }

        @Test
        void quickTimeBrandGivesQuickTimeType() throws Exception {
            MediaInfo info = probe(isoFile("qt  ", mvhdV0(600, 1200)));

            assertThat(info.mediaType()).isEqualTo("video/quicktime");
            assertThat(info.duration()).contains(new MediaDuration(2, 1));
        }

        @Test
        void mp4UnknownDurationIsEmpty() throws Exception {
            MediaInfo info = probe(isoFile("isom", mvhdV0(1000, 0xFFFFFFFFL)));

            assertThat(info.duration()).isEmpty();
        }

        @Test
        void mp4WithoutMoovRaises() {
            byte[] mp4 = concat(ftyp("isom"), box("mdat", new byte[16]));

            assertThatThrownBy(() -> MediaProbe.detect(mp4))
                    .isInstanceOf(MalformedMediaException.class)
                    .hasMessageContaining("no moov box");
        }

        @Test
        void mp4WithZeroTimescaleRaises() {
            byte[] mp4 = isoFile("isom", mvhdV0(0, 100));

            assertThatThrownBy(() -> MediaProbe.detect(mp4))
                    .isInstanceOf(MalformedMediaException.class)
                    .hasMessageContaining("timescale is 0");
        }

        @Test
        void webmDocType() throws Exception {
            MediaInfo info = probe(ebml("webm"));

            assertThat(info.mediaType()).isEqualTo("video/webm");
        }

        @Test
        void matroskaDocType() throws Exception {
            MediaInfo info = probe(ebml("matroska"));

            assertThat(info.mediaType()).isEqualTo("video/x-matroska");
        }
    }

    @Nested
    class UnknownAndBroken {

        @Test
        void unknownBytesGiveEmpty() throws Exception {
            assertThat(MediaProbe.detect("plain text, not media".getBytes(StandardCharsets.UTF_8)))
                    .isEmpty();
            assertThat(MediaProbe.detect(new byte[0])).isEmpty();
        }

        @Test
        void extensionPlaysNoPart() throws Exception {
            // A WAV payload is typed as WAV whatever a caller thinks it is.
            assertThat(probe(wav(8000, 1, 8000)).mediaType()).isEqualTo("audio/wav");
        }

        @Test
        void truncatedPngHeaderRaises() throws Exception {
            byte[] png = imageBytes("png", 10, 10);

            assertThatThrownBy(() -> MediaProbe.detect(Arrays.copyOf(png, 18)))
                    .isInstanceOf(MalformedMediaException.class)
                    .hasMessage("Malformed image/png: IHDR width needs 4 bytes at offset 16, but "
                            + "the data ends at byte 18. The file is truncated; download or "
                            + "export it again");
        }

        @Test
        void randomTruncationsRaiseOnlyMalformedMedia() throws Exception {
            byte[][] samples = {
                imageBytes("png", 64, 48), imageBytes("jpg", 64, 48), imageBytes("gif", 64, 48),
                wav(22_050, 1, 2000), isoFile("isom", mvhdV0(24, 48)), isoFile("qt  ",
                        mvhdV1(24, 48)), ebml("webm"),
                riff("WEBP", "VP8X", new byte[] {0, 0, 0, 0, 9, 0, 0, 9, 0, 0}),
            };
            Random random = new Random(20240611L);
            int raised = 0;
            for (byte[] sample : samples) {
                Optional<MediaInfo> whole = MediaProbe.detect(sample);
                assertThat(whole).as("untruncated sample is detected").isPresent();
                for (int i = 0; i < 200; i++) {
                    byte[] cut = Arrays.copyOf(sample, random.nextInt(sample.length));
                    try {
                        Optional<MediaInfo> info = MediaProbe.detect(cut);
                        // A cut that still parses must agree with the whole file.
                        info.ifPresent(found -> assertThat(found.mediaType())
                                .isEqualTo(whole.get().mediaType()));
                    } catch (MalformedMediaException expected) {
                        raised++;
                    }
                }
            }
            assertThat(raised).as("truncations that raised").isPositive();
        }

        @Test
        void randomByteFlipsRaiseOnlyMalformedMedia() throws Exception {
            byte[] sample = isoFile("isom", mvhdV0(24, 48));
            Random random = new Random(7);
            for (int i = 0; i < 500; i++) {
                byte[] damaged = sample.clone();
                damaged[8 + random.nextInt(damaged.length - 8)] = (byte) random.nextInt(256);
                try {
                    MediaProbe.detect(damaged);
                } catch (MalformedMediaException expected) {
                    assertThat(expected.mediaType()).startsWith("video/");
                }
            }
        }
    }

    @Nested
    class Durations {

        @Test
        void durationIsReduced() {
            MediaDuration duration = new MediaDuration(120_120, 24_000);

            assertThat(duration.numerator()).isEqualTo(1001);
            assertThat(duration.denominator()).isEqualTo(200);
            assertThat(duration.toSeconds()).isEqualTo(5.005);
        }

        @Test
        void zeroDenominatorIsRejected() {
            assertThatThrownBy(() -> new MediaDuration(1, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Duration denominator must be positive, got 0");
        }
    }

    private static MediaInfo probe(byte[] bytes) throws MalformedMediaException {
        return MediaProbe.detect(bytes).orElseThrow();
    }

    static byte[] imageBytes(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("ImageIO writes " + format).isTrue();
        return out.toByteArray();
    }

    static byte[] wav(int sampleRate, int channels, int sampleFrames) {
        int blockAlign = 2 * channels;
        int dataBytes = sampleFrames * blockAlign;
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * blockAlign).putShort((short) blockAlign)
                .putShort((short) 16);
        out.put(ascii("data")).putInt(dataBytes);
        return out.array();
    }

    private static byte[] riff(String form, String chunk, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(20 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(12 + payload.length).put(ascii(form));
        out.put(ascii(chunk)).putInt(payload.length).put(payload);
        return out.array();
    }

    private static byte[] isoFile(String brand, byte[] mvhd) {
        return concat(ftyp(brand), box("moov", mvhd), box("mdat", new byte[32]));
    }

    private static byte[] ftyp(String brand) {
        return box("ftyp", concat(ascii(brand), new byte[4], ascii("isom")));
    }

    private static byte[] mvhdV0(long timescale, long duration) {
        ByteBuffer body = ByteBuffer.allocate(100);
        body.putInt(0).putInt(1).putInt(2).putInt((int) timescale).putInt((int) duration);
        return box("mvhd", body.array());
    }

    private static byte[] mvhdV1(long timescale, long duration) {
        ByteBuffer body = ByteBuffer.allocate(112);
        body.putInt(1 << 24).putLong(1).putLong(2).putInt((int) timescale).putLong(duration);
        return box("mvhd", body.array());
    }

    private static byte[] box(String type, byte[] content) {
        return ByteBuffer.allocate(8 + content.length).putInt(8 + content.length)
                .put(ascii(type)).put(content).array();
    }

    private static byte[] ebml(String docType) {
        byte[] name = ascii(docType);
        byte[] docTypeElement = concat(new byte[] {0x42, (byte) 0x82,
            (byte) (0x80 | name.length)}, name);
        byte[] version = {0x42, (byte) 0x86, (byte) 0x81, 0x01};
        byte[] body = concat(version, docTypeElement);
        return concat(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) (0x80 | body.length)},
                body, new byte[] {0x18, 0x53, (byte) 0x80, 0x67});
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
