package io.reelgraph.nodes.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Timeline sample(boolean draft) {
        MediaRef shot = MediaRef.video("media/sc 01/shot 1.mov", RationalTime.of(5005, 1000),
                1920, 1080, 48000, 2, draft);
        MediaRef still = MediaRef.image("media/still.png", 1344, 768, false);
        MediaRef line = MediaRef.audio("media/line.wav", RationalTime.of(3, 2), 48000, 1, false);
        Track video = new Track(TrackKind.VIDEO, "V1", List.of(
                new TrackItem.Clip("shot 1.mov", shot, 12, 96, Optional.of("1 - INT. KITCHEN"),
                        "sc1/shot-1"),
                new TrackItem.Gap(10),
                new TrackItem.Clip("still.png", still, 0, 48, Optional.empty(), "sc1/shot-2")));
        Track audio = new Track(TrackKind.AUDIO, "A1", List.of(new TrackItem.Gap(6),
                new TrackItem.Clip("line.wav", line, 0, 36, Optional.empty(), "sc1/line-1")));
        return new Timeline("Rough cut", FrameRate.FPS_23_976, List.of(video, audio),
                List.of(new Marker(0, "1 - INT. KITCHEN")), draft);
    }

    @Nested
    class Positions {

        @Test
        void recordInFollowsTrackOrder() {
            List<Placement> placements = sample(false).tracks().get(0).placements();
            assertThat(placements).extracting(Placement::recordIn).containsExactly(0L, 96L, 106L);
            assertThat(placements.get(2).recordOut()).isEqualTo(154);
        }

        @Test
        void durationIsLongestTrack() {
            assertThat(sample(false).duration()).isEqualTo(154);
        }

        @Test
        void defaultStartIsOneHour() {
            assertThat(sample(false).start()).isEqualTo(Timecode.ONE_HOUR);
            assertThat(sample(false).startFrame()).isEqualTo(86400);
        }
    }

    @Nested
    class Json {

        @Test
        void roundTripsEqual() throws Exception {
            Timeline timeline = sample(true);
            String text = JSON.writeValueAsString(timeline.toJson());
            Timeline read = Timeline.fromJson(JSON.readTree(text));
            assertThat(read).isEqualTo(timeline);
            assertThat(JSON.writeValueAsString(read.toJson())).isEqualTo(text);
        }

        @Test
        void memberOrderIsStable() {
            ObjectNode json = sample(false).toJson();
            assertThat(json.fieldNames()).toIterable()
                    .containsExactly("name", "rate", "start", "draft", "tracks", "markers");
            JsonNode clip = json.at("/tracks/0/items/0");
            assertThat(clip.fieldNames()).toIterable().containsExactly("type", "key", "name",
                    "sourceIn", "duration", "note", "media");
            assertThat(clip.at("/media/duration").asText()).isEqualTo("1001/200s");
            assertThat(json.at("/tracks/0/items/2/media/duration").isMissingNode()).isTrue();
        }

        @Test
        void badMemberNamesItsPath() {
            ObjectNode json = sample(false).toJson();
            ((ObjectNode) json.at("/tracks/1/items/1")).put("duration", -3);
            assertThatThrownBy(() -> Timeline.fromJson(json))
                    .isInstanceOf(TimelineFormatException.class)
                    .hasMessage("Timeline JSON /tracks/1/items/1 is invalid: Duration -3 of clip"
                            + " line.wav must be at least one frame");
        }

        @Test
        void missingMemberNamed() {
            ObjectNode json = sample(false).toJson();
            json.remove("rate");
            assertThatThrownBy(() -> Timeline.fromJson(json))
                    .isInstanceOf(TimelineFormatException.class)
                    .hasMessage("Timeline JSON is missing /rate");
        }
    }

    @Nested
    class Validation {

        @Test
        void draftMediaNeedsDraftTimeline() {
            MediaRef draftShot = MediaRef.image("a.png", 64, 64, true);
            Track video = new Track(TrackKind.VIDEO, "V1", List.of(
                    new TrackItem.Clip("a.png", draftShot, 0, 24, Optional.empty(), "k")));
            assertThatThrownBy(() -> new Timeline("Cut", FrameRate.FPS_24, List.of(video),
                    List.of(), false))
                    .hasMessage("Clip a.png on track V1 uses draft media a.png, so timeline Cut"
                            + " must be marked draft");
        }

        @Test
        void clipPastMediaEndRejected() {
            MediaRef shot = MediaRef.video("a.mov", RationalTime.ofSeconds(2), 640, 360, 0, 0,
                    false);
            Track video = new Track(TrackKind.VIDEO, "V1", List.of(
                    new TrackItem.Clip("a.mov", shot, 10, 40, Optional.empty(), "k")));
            assertThatThrownBy(() -> new Timeline("Cut", FrameRate.FPS_24, List.of(video),
                    List.of(), false))
                    .hasMessage("Clip a.mov on track V1 uses source frames 10-50 but a.mov has"
                            + " only 48 frames at 24 fps");
        }

        @Test
        void audioOnVideoTrackRejected() {
            MediaRef line = MediaRef.audio("l.wav", RationalTime.ofSeconds(1), 48000, 1, false);
            Track video = new Track(TrackKind.VIDEO, "V1", List.of(
                    new TrackItem.Clip("l.wav", line, 0, 24, Optional.empty(), "k")));
            assertThatThrownBy(() -> new Timeline("Cut", FrameRate.FPS_24, List.of(video),
                    List.of(), false))
                    .hasMessage("Clip l.wav on track V1 is AUDIO media on a VIDEO track");
        }

        @Test
        void absoluteMediaPathRejected() {
            assertThatThrownBy(() -> MediaRef.image("/Users/me/a.png", 64, 64, false))
                    .hasMessage("Media path \"/Users/me/a.png\" is absolute; give it relative"
                            + " to the export file");
        }

        @Test
        void droppedStartLabelRejected() {
            assertThatThrownBy(() -> new Timeline("Cut", FrameRate.FPS_29_97_DF,
                    Timecode.parse("00:01:00;01"), List.of(), List.of(), false))
                    .isInstanceOf(TimelineFormatException.class);
        }
    }
}
