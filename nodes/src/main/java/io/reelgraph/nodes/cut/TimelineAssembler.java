package io.reelgraph.nodes.cut;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds a rough cut from scenes: pictures on video track V1, dialogue on audio track A1, and a
 * marker at each scene start.
 *
 * <p>Scenes follow each other. Within a scene, videos play at their full length rounded to the
 * nearest frame and stills for the still duration. Dialogue lines start with the scene and are
 * separated by a quarter second pause, each rounded up to whole frames. When the dialogue
 * outlasts the pictures, a final still is extended, or else a gap pads V1 to the end of the
 * dialogue.
 */
public final class TimelineAssembler {

    /** Pause between two dialogue lines: a quarter second. */
    static final RationalTime LINE_PAUSE = RationalTime.of(1, 4);

    private TimelineAssembler() {
    }

    /**
     * Assembles the scenes into a timeline starting at 01:00:00:00, marked draft when any media
     * is draft.
     *
     * @param stillDuration how long each still is shown, rounded to the nearest frame
     * @throws IllegalArgumentException when a shot is audio, a dialogue line is not audio, or a
     *     duration comes to less than one frame
     */
    public static Timeline assemble(String name, FrameRate rate, RationalTime stillDuration,
            List<SceneCut> scenes) {
        long stillFrames = rate.framesNearest(stillDuration);
        if (stillFrames < 1) {
            throw new IllegalArgumentException("Still duration " + stillDuration.toFcpxml()
                    + " is shorter than one " + rate.label() + " fps frame");
        }
        long pauseFrames = rate.framesNearest(LINE_PAUSE);

        List<TrackItem> video = new ArrayList<>();
        List<TrackItem> audio = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        long sceneStart = 0;
        long audioEnd = 0;
        for (SceneCut scene : scenes) {
            markers.add(new Marker(sceneStart, scene.label()));
            long pictureEnd = sceneStart + addShots(scene, rate, stillFrames, video);
            if (!scene.dialogue().isEmpty()) {
                if (sceneStart > audioEnd) {
                    audio.add(new TrackItem.Gap(sceneStart - audioEnd));
                }
                audioEnd = sceneStart + addDialogue(scene, rate, pauseFrames, audio);
            }
            sceneStart = Math.max(pictureEnd, audioEnd);
            if (sceneStart > pictureEnd) {
                fillPicture(video, pictureEnd, sceneStart, scene.shots().size());
            }
        }

        boolean draft = scenes.stream()
                .flatMap(scene -> Stream.concat(scene.shots().stream(), scene.dialogue().stream()))
                .anyMatch(MediaRef::draft);
        List<Track> tracks = List.of(new Track(TrackKind.VIDEO, "V1", video),
                new Track(TrackKind.AUDIO, "A1", audio));
        return new Timeline(name, rate, tracks, markers, draft);
    }

    /** Appends the scene's shots to the video items and returns their total length. */
    private static long addShots(SceneCut scene, FrameRate rate, long stillFrames,
            List<TrackItem> video) {
        long length = 0;
        for (int i = 0; i < scene.shots().size(); i++) {
            MediaRef shot = scene.shots().get(i);
            String key = scene.sceneKey() + "/shot-" + (i + 1);
            long frames = switch (shot.kind()) {
                case IMAGE -> stillFrames;
                case VIDEO -> atLeastOneFrame(rate.framesNearest(shot.sourceDuration().get()),
                        shot, key);
                case AUDIO -> throw new IllegalArgumentException("Shot " + key + " ("
                        + shot.relativePath() + ") is audio; put sound in the dialogue list");
            };
            Optional<String> note = i == 0 ? Optional.of(scene.label()) : Optional.empty();
            video.add(new TrackItem.Clip(shot.fileName(), shot, 0, frames, note, key));
            length += frames;
        }
        return length;
    }

    /** Appends the scene's dialogue lines and pauses and returns their total length. */
    private static long addDialogue(SceneCut scene, FrameRate rate, long pauseFrames,
            List<TrackItem> audio) {
        long length = 0;
        for (int i = 0; i < scene.dialogue().size(); i++) {
            MediaRef line = scene.dialogue().get(i);
            String key = scene.sceneKey() + "/line-" + (i + 1);
            if (line.kind() != MediaKind.AUDIO) {
                throw new IllegalArgumentException("Dialogue line " + key + " ("
                        + line.relativePath() + ") is " + line.kind() + "; dialogue must be audio");
            }
            if (i > 0 && pauseFrames > 0) {
                audio.add(new TrackItem.Gap(pauseFrames));
                length += pauseFrames;
            }
            long frames = rate.framesCovering(line.sourceDuration().get());
            audio.add(new TrackItem.Clip(line.fileName(), line, 0, frames, Optional.empty(), key));
            length += frames;
        }
        return length;
    }

    /**
     * Covers the video track from {@code pictureEnd} to {@code end}: holds the scene's last
     * still longer, wherever it stands among the scene's shots, otherwise adds a gap. A still
     * placed before an image-to-video clip is the clip's first frame, so holding it leads into
     * the motion without a jump.
     */
    private static void fillPicture(List<TrackItem> video, long pictureEnd, long end,
            int sceneShots) {
        long missing = end - pictureEnd;
        for (int i = video.size() - 1; i >= video.size() - sceneShots; i--) {
            if (video.get(i) instanceof TrackItem.Clip clip
                    && clip.media().kind() == MediaKind.IMAGE) {
                video.set(i, clip.withDuration(clip.duration() + missing));
                return;
            }
        }
        video.add(new TrackItem.Gap(missing));
    }

    private static long atLeastOneFrame(long frames, MediaRef shot, String key) {
        if (frames < 1) {
            throw new IllegalArgumentException("Shot " + key + " (" + shot.relativePath()
                    + ") lasts " + shot.sourceDuration().get().toFcpxml()
                    + ", less than half a frame");
        }
        return frames;
    }
}
