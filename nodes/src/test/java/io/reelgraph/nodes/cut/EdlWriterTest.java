package io.reelgraph.nodes.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelgraph.engine.testing.ReferenceFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EdlWriterTest {

    /** A cut event line, read by whitespace as CMX readers do. */
    private static final Pattern EVENT = Pattern.compile("^(\\d{3,6})\\s+(\\S+)\\s+(\\S+)\\s+"
            + "(C|D|W\\d{3}|K\\S*)(?:\\s+(\\d{3}))?\\s+(\\S{11})\\s+(\\S{11})\\s+(\\S{11})"
            + "\\s+(\\S{11})\\s*$");

    /** One parsed event line; timecodes as written. */
    record Event(int number, String reel, String channel, String sourceIn, String sourceOut,
            String recordIn, String recordOut) {

        long frames(String timecode, FrameRate rate) {
            return Timecode.parse(timecode).toFrame(rate);
        }

        long recordLength(FrameRate rate) {
            return frames(recordOut, rate) - frames(recordIn, rate);
        }

        long sourceLength(FrameRate rate) {
            return frames(sourceOut, rate) - frames(sourceIn, rate);
        }
    }

    static List<Event> parseEvents(String text) {
        List<Event> events = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            Matcher matcher = EVENT.matcher(line);
            if (matcher.matches()) {
                events.add(new Event(Integer.parseInt(matcher.group(1)), matcher.group(2),
                        matcher.group(3), matcher.group(6), matcher.group(7), matcher.group(8),
                        matcher.group(9)));
            }
        }
        return events;
    }

    /** Builds the three-shot 29.97 cut that the minimal reference EDL describes. */
    private static Timeline minimalSampleCut() {
        MediaRef one = MediaRef.video("media/sc01_sh010.mov", RationalTime.of(300300, 30000),
                1920, 1080, 48000, 2, false);
        MediaRef two = MediaRef.video("media/sc01_sh020.mov", RationalTime.of(240240, 30000),
                1920, 1080, 48000, 2, false);
        MediaRef three = MediaRef.video("media/sc02_sh010.mov", RationalTime.of(180180, 30000),
                1920, 1080, 0, 0, false);
        Track video = new Track(TrackKind.VIDEO, "V1", List.of(
                new TrackItem.Clip("sc01_sh010.mov", one, 12, 96,
                        Optional.of("1 - INT. KITCHEN - DAY"), "s1/shot-1"),
                new TrackItem.Clip("sc01_sh020.mov", two, 0, 120, Optional.empty(), "s1/shot-2"),
                new TrackItem.Clip("sc02_sh010.mov", three, 0, 72, Optional.empty(),
                        "s2/shot-1")));
        return new Timeline("ROUGH CUT V1", FrameRate.FPS_29_97, List.of(video), List.of(),
                false);
    }

    @Nested
    class ExactText {

        @Test
        void smallTimelineWithGapAndAudio() {
            MediaRef still = MediaRef.image("media/still é.png", 1344, 768, true);
            MediaRef line = MediaRef.audio("media/line.wav", RationalTime.ofSeconds(1), 48000, 1,
                    false);
            Timeline timeline = new Timeline("Pier scene", FrameRate.FPS_24, List.of(
                    new Track(TrackKind.VIDEO, "V1", List.of(
                            new TrackItem.Clip("still é.png", still, 0, 48,
                                    Optional.of("1 - EXT. PIER - NIGHT"), "s1/shot-1"),
                            new TrackItem.Gap(12),
                            new TrackItem.Clip("still é.png", still, 0, 24, Optional.empty(),
                                    "s1/shot-2"))),
                    new Track(TrackKind.AUDIO, "A1", List.of(new TrackItem.Gap(6),
                            new TrackItem.Clip("line.wav", line, 0, 24, Optional.empty(),
                                    "s1/line-1")))),
                    List.of(), true);

            assertThat(EdlWriter.write(timeline)).isEqualTo(String.join("\r\n",
                    "TITLE: Pier scene (draft)",
                    "FCM: NON-DROP FRAME",
                    "* COMMENT: DRAFT CUT, placeholder media from the draft provider",
                    "",
                    "001  AX       V     C        00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00",
                    "* FROM CLIP NAME: still e.png",
                    "* SOURCE FILE: media/still e.png",
                    "* COMMENT: 1 - EXT. PIER - NIGHT",
                    "",
                    "002  AX       A     C        00:00:00:00 00:00:01:00 01:00:00:06 01:00:01:06",
                    "* FROM CLIP NAME: line.wav",
                    "* SOURCE FILE: media/line.wav",
                    "",
                    "003  AX       V     C        00:00:00:00 00:00:01:00 01:00:02:12 01:00:03:12",
                    "* FROM CLIP NAME: still e.png",
                    "* SOURCE FILE: media/still e.png",
                    ""));
        }

        @Test
        void matchesMinimalReferenceSample() throws Exception {
            Optional<Path> sample =
                    ReferenceFiles.find("formats/edl/minimal/minimal-nondrop-30.edl");
            assumeTrue(sample.isPresent(), "the EDL reference folder is absent");
            String expected = Files.readString(sample.get(), StandardCharsets.US_ASCII);

            // The sample has no SOURCE FILE comments, the only lines this writer adds.
            String written = EdlWriter.write(minimalSampleCut())
                    .replaceAll("\\* SOURCE FILE: [^\r]*\r\n", "");

            assertThat(written).isEqualTo(expected);
        }

        @Test
        void linesStayWithinEightyColumns() {
            String longName = "a".repeat(120) + ".mov";
            MediaRef shot = MediaRef.video(longName, RationalTime.ofSeconds(1), 640, 360, 0, 0,
                    false);
            Timeline timeline = new Timeline("T".repeat(100), FrameRate.FPS_25, List.of(
                    new Track(TrackKind.VIDEO, "V1", List.of(new TrackItem.Clip(longName, shot,
                            0, 25, Optional.empty(), "k")))), List.of(), false);
            String[] lines = EdlWriter.write(timeline).split("\r\n");
            assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
            assertThat(lines[0]).hasSize("TITLE: ".length() + 70);
        }

        @Test
        void noLoneLineFeedsOrTabs() {
            String text = EdlWriter.write(minimalSampleCut());
            assertThat(text.replace("\r\n", "")).doesNotContain("\n", "\r", "\t");
            assertThat(text.chars()).allMatch(c -> c < 0x80);
        }
    }

    @Nested
    class DropFrame {

        @Test
        void recordTimesCrossTenMinuteBoundary() {
            // Start at 00:09:59;00 so the second clip crosses into minute 10, which keeps 00-01.
            MediaRef shot = MediaRef.video("long.mov", RationalTime.ofSeconds(700), 1920, 1080,
                    0, 0, false);
            Timeline timeline = new Timeline("DF", FrameRate.FPS_29_97_DF,
                    Timecode.parse("00:09:59;00"), List.of(new Track(TrackKind.VIDEO, "V1",
                    List.of(new TrackItem.Clip("long.mov", shot, 1800, 30, Optional.empty(), "a"),
                            new TrackItem.Clip("long.mov", shot, 17980, 3, Optional.empty(),
                                    "b")))), List.of(), false);

            String text = EdlWriter.write(timeline);

            assertThat(text).contains("FCM: DROP FRAME\r\n");
            List<Event> events = parseEvents(text);
            assertThat(events.get(0).sourceIn()).isEqualTo("00:01:00;02");
            assertThat(events.get(0).recordIn()).isEqualTo("00:09:59;00");
            assertThat(events.get(0).recordOut()).isEqualTo("00:10:00;00");
            assertThat(events.get(1).sourceIn()).isEqualTo("00:09:59;28");
            assertThat(events.get(1).sourceOut()).isEqualTo("00:10:00;01");
            assertThat(events.get(1).recordOut()).isEqualTo("00:10:00;03");
        }

        @Test
        void oneHourDropFrameStart() {
            Timeline timeline = TimelineAssembler.assemble("DF", FrameRate.FPS_29_97_DF,
                    RationalTime.ofSeconds(2), List.of(new SceneCut("s", "1",
                            List.of(MediaRef.image("a.png", 64, 64, false)), List.of())));
            Event event = parseEvents(EdlWriter.write(timeline)).get(0);
            assertThat(event.recordIn()).isEqualTo("01:00:00;00");
            assertThat(event.recordOut()).isEqualTo("01:00:02;00");
        }
    }

    @Nested
    class ParsedBack {

        @Test
        void recordTimesAreContinuous() {
            for (String rateText : List.of("24", "23.976", "29.97df", "25")) {
                FrameRate rate = FrameRate.parse(rateText);
                Timeline timeline = FcpxmlWriterTest.assembled(rate, false);
                List<Event> events = parseEvents(EdlWriter.write(timeline));

                assertThat(events).extracting(Event::number)
                        .containsExactlyElementsOf(sequence(events.size()));
                for (String channel : List.of("V", "A")) {
                    List<Event> track = events.stream()
                            .filter(event -> event.channel().equals(channel)).toList();
                    int trackIndex = channel.equals("V") ? 0 : 1;
                    List<Placement> clips = timeline.tracks().get(trackIndex).placements().stream()
                            .filter(placement -> placement.item() instanceof TrackItem.Clip)
                            .toList();
                    assertThat(track).hasSameSizeAs(clips);
                    for (int i = 0; i < track.size(); i++) {
                        Event event = track.get(i);
                        assertThat(event.recordLength(rate)).isEqualTo(event.sourceLength(rate));
                        assertThat(event.frames(event.recordIn(), rate))
                                .isEqualTo(timeline.startFrame() + clips.get(i).recordIn());
                        assertThat(event.frames(event.recordOut(), rate))
                                .isEqualTo(timeline.startFrame() + clips.get(i).recordOut());
                    }
                }
            }
        }

        @Test
        void gapShowsAsRecordJump() {
            Timeline timeline = FcpxmlWriterTest.assembled(FrameRate.FPS_24, false);
            List<Event> video = parseEvents(EdlWriter.write(timeline)).stream()
                    .filter(event -> event.channel().equals("V")).toList();
            // Scene 1 video is 120 frames, then a 68 frame gap covers the longer dialogue.
            assertThat(video.get(0).recordOut()).isEqualTo("01:00:05:00");
            assertThat(video.get(1).recordIn()).isEqualTo("01:00:07:20");
            assertThat(video.get(2).recordIn()).isEqualTo(video.get(1).recordOut());
        }

        @Test
        void parserReadsReferenceSample() throws Exception {
            Optional<Path> sample = ReferenceFiles.find("formats/edl/otio-screening_example.edl");
            assumeTrue(sample.isPresent(), "the EDL reference folder is absent");
            List<Event> events = parseEvents(Files.readString(sample.get(),
                    StandardCharsets.ISO_8859_1));

            // OpenTimelineIO's adapter tests read 9 clips from this list, back to back.
            assertThat(events).hasSize(9);
            assertThat(events.get(0).recordLength(FrameRate.FPS_24)).isEqualTo(31);
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).recordIn()).isEqualTo(events.get(i - 1).recordOut());
            }
        }

        private List<Integer> sequence(int count) {
            List<Integer> numbers = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                numbers.add(i);
            }
            return numbers;
        }
    }

    @Nested
    class Limits {

        @Test
        void fiveAudioTracksRejected() {
            List<Track> tracks = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                tracks.add(new Track(TrackKind.AUDIO, "A" + i, List.of()));
            }
            Timeline timeline = new Timeline("Mix", FrameRate.FPS_24, tracks, List.of(), false);
            assertThatThrownBy(() -> EdlWriter.write(timeline))
                    .hasMessage("Timeline Mix has 5 audio tracks but CMX 3600 has 4 audio"
                            + " channels; mix them down to 4 tracks");
        }

        @Test
        void secondVideoTrackWrittenOnRequest() {
            MediaRef still = MediaRef.image("b.png", 64, 64, false);
            Track upper = new Track(TrackKind.VIDEO, "V2", List.of(new TrackItem.Gap(5),
                    new TrackItem.Clip("b.png", still, 0, 10, Optional.empty(), "b")));
            Timeline timeline = new Timeline("Two", FrameRate.FPS_24, List.of(
                    new Track(TrackKind.VIDEO, "V1", List.of()), upper), List.of(), false);
            assertThat(parseEvents(EdlWriter.write(timeline))).isEmpty();
            Event event = parseEvents(EdlWriter.write(timeline, upper)).get(0);
            assertThat(event.recordIn()).isEqualTo("01:00:00:05");
        }
    }
}
