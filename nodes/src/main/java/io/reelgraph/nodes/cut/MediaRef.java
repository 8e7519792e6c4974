package io.reelgraph.nodes.cut;

import java.util.Objects;
import java.util.Optional;

/**
 * A media file that clips cut from.
 *
 * @param relativePath path of the file relative to the export file, with {@code /} separators
 * @param kind what the file contains
 * @param sourceDuration exact length of the file; empty for images, which last indefinitely
 * @param width picture width in pixels, 0 for audio
 * @param height picture height in pixels, 0 for audio
 * @param audioSampleRate samples per second, 0 when the file has no sound
 * @param audioChannels number of sound channels, 0 when the file has no sound
 * @param draft whether the file is a placeholder from the draft provider
 */
public record MediaRef(
        String relativePath,
        MediaKind kind,
        Optional<RationalTime> sourceDuration,
        int width,
        int height,
        int audioSampleRate,
        int audioChannels,
        boolean draft) {

    public MediaRef {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sourceDuration, "sourceDuration");
        checkPath(relativePath);
        if (kind == MediaKind.IMAGE && sourceDuration.isPresent()) {
            throw new IllegalArgumentException("Image " + relativePath
                    + " must have no source duration; stills last as long as they are cut");
        }
        if (kind != MediaKind.IMAGE && sourceDuration.isEmpty()) {
            throw new IllegalArgumentException(kind + " media " + relativePath
                    + " needs a source duration");
        }
        if (sourceDuration.isPresent() && sourceDuration.get().compareTo(RationalTime.ZERO) <= 0) {
            throw new IllegalArgumentException("Source duration " + sourceDuration.get()
                    + " of " + relativePath + " must be positive");
        }
        if (width < 0 || height < 0 || audioSampleRate < 0 || audioChannels < 0) {
            throw new IllegalArgumentException("Width, height, sample rate and channels of "
                    + relativePath + " must not be negative");
        }
        if (kind != MediaKind.AUDIO && (width == 0 || height == 0)) {
            throw new IllegalArgumentException(kind + " media " + relativePath
                    + " needs a width and height, got " + width + "x" + height);
        }
        if (kind == MediaKind.AUDIO && (audioSampleRate == 0 || audioChannels == 0)) {
            throw new IllegalArgumentException("Audio media " + relativePath
                    + " needs a sample rate and a channel count");
        }
    }

    /** Creates a video file reference. Pass 0 for the audio fields when it has no sound. */
    public static MediaRef video(String relativePath, RationalTime duration, int width, int height,
            int audioSampleRate, int audioChannels, boolean draft) {
        return new MediaRef(relativePath, MediaKind.VIDEO, Optional.of(duration), width, height,
                audioSampleRate, audioChannels, draft);
    }

    public static MediaRef image(String relativePath, int width, int height, boolean draft) {
        return new MediaRef(relativePath, MediaKind.IMAGE, Optional.empty(), width, height, 0, 0,
                draft);
    }

    public static MediaRef audio(String relativePath, RationalTime duration, int sampleRate,
            int channels, boolean draft) {
        return new MediaRef(relativePath, MediaKind.AUDIO, Optional.of(duration), 0, 0,
                sampleRate, channels, draft);
    }

    /** Returns the last path segment, such as {@code sc01_sh010.mov}. */
    public String fileName() {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    public boolean hasVideo() {
        return kind != MediaKind.AUDIO;
    }

    public boolean hasAudio() {
        return audioChannels > 0;
    }

    private static void checkPath(String path) {
        String problem = null;
        if (path.isBlank()) {
            problem = "is empty";
        } else if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.contains("://")) {
            problem = "is absolute; give it relative to the export file";
        } else if (path.indexOf('\\') >= 0) {
            problem = "contains a backslash; separate folders with /";
        } else if (path.endsWith("/")) {
            problem = "names a folder, not a file";
        }
        if (problem != null) {
            throw new IllegalArgumentException("Media path \"" + path + "\" " + problem);
        }
    }
}
