package io.reelgraph.nodes.media;

import java.util.Objects;
import java.util.Optional;

/**
 * The header fields that {@link MediaProbe} read from the bytes of one media file. Fields that
 * do not apply to the media type, or that the probe does not read for it, are zero or empty.
 *
 * @param mediaType  the IANA media type, such as {@code image/png}, {@code audio/wav} or
 *                   {@code video/mp4}
 * @param width      the width in pixels, 0 for audio or when unknown
 * @param height     the height in pixels, 0 for audio or when unknown
 * @param duration   the exact duration, empty for still images or when the format does not
 *                   store it exactly
 * @param sampleRate the audio sample rate in Hz, 0 when not read
 * @param channels   the audio channel count, 0 when not read
 */
public record MediaInfo(String mediaType, int width, int height, Optional<MediaDuration> duration,
        int sampleRate, int channels) {

    public MediaInfo {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(duration, "duration");
        if (width < 0 || height < 0 || sampleRate < 0 || channels < 0) {
            throw new IllegalArgumentException("Media info fields must not be negative: width "
                    + width + ", height " + height + ", sampleRate " + sampleRate
                    + ", channels " + channels);
        }
    }

    static MediaInfo image(String mediaType, int width, int height) {
        return new MediaInfo(mediaType, width, height, Optional.empty(), 0, 0);
    }

    static MediaInfo typeOnly(String mediaType) {
        return new MediaInfo(mediaType, 0, 0, Optional.empty(), 0, 0);
    }
}
