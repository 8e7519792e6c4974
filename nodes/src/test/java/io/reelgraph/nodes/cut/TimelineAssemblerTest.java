package io.reelgraph.nodes.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimelineAssemblerTest {

    private static final RationalTime TWO_SECONDS = RationalTime.ofSeconds(2);

    private static MediaRef still(String path) {
        return MediaRef.image(path, 1344, 768, false);
    }

    private static MediaRef video(String path, RationalTime duration) {
        return MediaRef.video(path, duration, 1280, 720, 0, 0, false);
    }

    private static MediaRef line(String path, RationalTime duration) {
        return MediaRef.audio(path, duration, 48000, 1, false);
    }

    private static List<Long> durations(Track track) {
        return track.items().stream().map(TrackItem::duration).toList();
    }

    private static List<String> kinds(Track track) {
        return track.items().stream()
                .map(item -> item instanceof TrackItem.Gap ? "gap" : ((TrackItem.Clip) item).name())
                .toList();
    }

    @Nested
    class Pictures {

        @Test
        void stillsOnlyUseStillDuration() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_24, TWO_SECONDS,
                    List.of(new SceneCut("s1", "1 - EXT. PIER", List.of(still("a.png"),
                            still("b.png")), List.of())));
            Track v1 = timeline.tracks().get(0);
            assertThat(v1.name()).isEqualTo("V1");
            assertThat(durations(v1)).containsExactly(48L, 48L);
            assertThat(timeline.tracks().get(1).items()).isEmpty();
            assertThat(timeline.duration()).isEqualTo(96);
        }

        @Test
        void videoRoundsToNearestFrame() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_23_976,
                    TWO_SECONDS, List.of(new SceneCut("s1", "1", List.of(
                            video("a.mp4", RationalTime.of(5005, 1000))), List.of())));
            assertThat(durations(timeline.tracks().get(0))).containsExactly(120L);
        }

        @Test
        void firstShotCarriesSceneHeading() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_24, TWO_SECONDS,
                    List.of(new SceneCut("s1", "1 - EXT. PIER", List.of(still("a.png"),
                            still("b.png")), List.of())));
            TrackItem.Clip first = (TrackItem.Clip) timeline.tracks().get(0).items().get(0);
            TrackItem.Clip second = (TrackItem.Clip) timeline.tracks().get(0).items().get(1);
            assertThat(first.note()).contains("1 - EXT. PIER");
            assertThat(second.note()).isEmpty();
            assertThat(second.itemKey()).isEqualTo("s1/shot-2");
        }
    }

    @Nested
    class Dialogue {

        @Test
        void longerDialogueAfterVideoAddsGap() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_24, TWO_SECONDS,
                    List.of(new SceneCut("s1", "1", List.of(video("a.mp4", TWO_SECONDS)),
                            List.of(line("l1.wav", RationalTime.of(3, 2)),
                                    line("l2.wav", RationalTime.of(2001, 1000))))));
            Track v1 = timeline.tracks().get(0);
            Track a1 = timeline.tracks().get(1);
            // 36 frames, 6 frame pause, 2.001 s rounds up to 49 frames: dialogue ends at 91.
            assertThat(kinds(a1)).containsExactly("l1.wav", "gap", "l2.wav");
            assertThat(durations(a1)).containsExactly(36L, 6L, 49L);
            assertThat(kinds(v1)).containsExactly("a.mp4", "gap");
            assertThat(durations(v1)).containsExactly(48L, 43L);
        }

        @Test
        void longerDialogueHoldsLastStill() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_24, TWO_SECONDS,
                    List.of(new SceneCut("s1", "1", List.of(video("a.mp4", TWO_SECONDS),
                            still("b.png")), List.of(line("l1.wav", RationalTime.ofSeconds(5))))));
            assertThat(durations(timeline.tracks().get(0))).containsExactly(48L, 72L);
            assertThat(timeline.duration()).isEqualTo(120);
        }

        @Test
        void stillBeforeClipIsHeldIntoTheMotion() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_24, TWO_SECONDS,
                    List.of(new SceneCut("s1", "1", List.of(still("b.png"),
                            video("a.mp4", TWO_SECONDS)),
                            List.of(line("l1.wav", RationalTime.ofSeconds(6))))));
            assertThat(kinds(timeline.tracks().get(0))).containsExactly("b.png", "a.mp4");
            assertThat(durations(timeline.tracks().get(0))).containsExactly(96L, 48L);
        }

        @Test
        void pauseFollowsRate() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_30, TWO_SECONDS,
                    List.of(new SceneCut("s1", "1", List.of(), List.of(
                            line("l1.wav", RationalTime.ofSeconds(1)),
                            line("l2.wav", RationalTime.ofSeconds(1))))));
            assertThat(durations(timeline.tracks().get(1))).containsExactly(30L, 8L, 30L);
            assertThat(durations(timeline.tracks().get(0))).containsExactly(68L);
        }

        @Test
        void videoShotAsDialogueRejected() {
            assertThatThrownBy(() -> TimelineAssembler.assemble("Cut", FrameRate.FPS_24,
                    TWO_SECONDS, List.of(new SceneCut("s1", "1", List.of(),
                            List.of(still("a.png"))))))
                    .hasMessage("Dialogue line s1/line-1 (a.png) is IMAGE; dialogue must be"
                            + " audio");
        }
    }

    @Nested
    class Scenes {

        @Test
        void emptySceneAddsOnlyMarker() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_24, TWO_SECONDS,
                    List.of(new SceneCut("s1", "1 - EMPTY", List.of(), List.of()),
                            new SceneCut("s2", "2 - PIER", List.of(still("a.png")), List.of())));
            assertThat(timeline.markers()).containsExactly(new Marker(0, "1 - EMPTY"),
                    new Marker(0, "2 - PIER"));
            assertThat(durations(timeline.tracks().get(0))).containsExactly(48L);
        }

        @Test
        void scenesFollowWithAudioAligned() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_24, TWO_SECONDS,
                    List.of(new SceneCut("s1", "1", List.of(still("a.png")),
                                    List.of(line("l1.wav", RationalTime.ofSeconds(1)))),
                            new SceneCut("s2", "2", List.of(still("b.png"), still("c.png")),
                                    List.of()),
                            new SceneCut("s3", "3", List.of(video("d.mp4", TWO_SECONDS)),
                                    List.of(line("l2.wav", RationalTime.ofSeconds(1))))));
            assertThat(timeline.markers()).extracting(Marker::frame)
                    .containsExactly(0L, 48L, 144L);
            Track a1 = timeline.tracks().get(1);
            assertThat(kinds(a1)).containsExactly("l1.wav", "gap", "l2.wav");
            assertThat(a1.placements().get(2).recordIn()).isEqualTo(144);
            assertThat(timeline.duration()).isEqualTo(192);
            assertThat(timeline.draft()).isFalse();
        }

        @Test
        void anyDraftMediaMakesDraft() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_24, TWO_SECONDS,
                    List.of(new SceneCut("s1", "1", List.of(still("a.png")), List.of(
                            MediaRef.audio("l.wav", TWO_SECONDS, 48000, 1, true)))));
            assertThat(timeline.draft()).isTrue();
        }

        @Test
        void stillShorterThanFrameRejected() {
            assertThatThrownBy(() -> TimelineAssembler.assemble("Cut", FrameRate.FPS_24,
                    RationalTime.of(1, 100), List.of()))
                    .hasMessage("Still duration 1/100s is shorter than one 24 fps frame");
        }

        @Test
        void noScenesGiveEmptyTimeline() {
            Timeline timeline = TimelineAssembler.assemble("Cut", FrameRate.FPS_24, TWO_SECONDS,
                    List.of());
            assertThat(timeline.duration()).isZero();
            assertThat(timeline.markers()).isEmpty();
            assertThat(Optional.of(timeline.tracks().size())).contains(2);
        }
    }
}
